from .net import send_report as send
