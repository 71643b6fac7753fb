import asyncio
import os
import subprocess

import git


async def run(cmd):
    # ruleid: py-process-subprocess
    subprocess.run(cmd, check=True)
    # ruleid: py-process-subprocess
    subprocess.Popen(["ls"])
    # ok: py-process-subprocess
    subprocess.list2cmdline(cmd)
    # ruleid: py-process-os
    os.system(cmd)
    # ruleid: py-process-os
    os.popen(cmd)
    # ok: py-process-os
    os.getcwd()
    # ruleid: py-process-asyncio
    await asyncio.create_subprocess_exec("ls")
    # ruleid: py-process-libraries
    git.Repo(".")
