import smtplib
import socket

import boto3
import redis


def send(host):
    # ruleid: py-network-socket
    socket.create_connection((host, 80))
    s = socket.socket()
    # ruleid: py-network-socket
    s.connect((host, 80))
    # ok: py-network-socket
    socket.gethostname()
    # ruleid: py-network-mail-ftp
    smtplib.SMTP(host, 25)
    # ruleid: py-network-remote-clients
    boto3.client("s3")
    # ruleid: py-network-remote-clients
    redis.Redis(host=host)
    # ok: py-network-remote-clients
    boto3.set_stream_logger("x")
