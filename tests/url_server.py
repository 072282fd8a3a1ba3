#!/usr/bin/env python3
"""A web server on 127.0.0.1 for tests/test_url.sh: the good answers and
every bad one nianbao must explain, without the network.

Usage: url_server.py PORTFILE PAGE PDF
Listens on a free port of 127.0.0.1, writes the port to PORTFILE once it
accepts connections, and serves until it is killed:

  /report.html          PAGE as text/html
  /article              PAGE labelled text/plain (the kind comes from the bytes)
  /download?id=7        PDF labelled application/octet-stream
  /moved                301 to /report.html
  /changing             PAGE with a counter: other bytes at every request
  /missing              404
  /broken               500
  /forbidden            403
  /loop                 302 to itself, for ever
  /to-ftp               302 to an ftp:// address
  /slow                 sends nothing for 60 seconds
  /endless              a body that never ends (no Content-Length)
  /declared-large       Content-Length of 1 GB, then a little and a close
  /empty                200 with an empty body
"""
import http.server
import os
import sys
import time

PORTFILE, PAGE, PDF = sys.argv[1], sys.argv[2], sys.argv[3]
with open(PAGE, "rb") as f:
    PAGE_BYTES = f.read()
with open(PDF, "rb") as f:
    PDF_BYTES = f.read()
counter = 0


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass  # the test's output is nianbao's

    def answer(self, status, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, status, where):
        self.answer(status, b"moved", headers=[("Location", where)])

    def endless(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65536 + b"</p>\n"
        try:
            while True:
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        global counter
        path = self.path
        if path == "/report.html":
            self.answer(200, PAGE_BYTES)
        elif path == "/article":
            self.answer(200, PAGE_BYTES, "text/plain")
        elif path == "/download?id=7":
            self.answer(200, PDF_BYTES, "application/octet-stream")
        elif path == "/moved":
            self.redirect(301, "/report.html")
        elif path == "/changing":
            counter += 1
            self.answer(200, PAGE_BYTES + b"<!-- fetch %d -->\n" % counter)
        elif path == "/missing":
            self.answer(404, b"<h1>not found</h1>")
        elif path == "/broken":
            self.answer(500, b"<h1>server error</h1>")
        elif path == "/forbidden":
            self.answer(403, b"<h1>forbidden</h1>")
        elif path == "/loop":
            self.redirect(302, "/loop")
        elif path == "/to-ftp":
            self.redirect(302, "ftp://127.0.0.1/report.txt")
        elif path == "/slow":
            time.sleep(60)
            self.answer(200, PAGE_BYTES)
        elif path == "/endless":
            self.endless()
        elif path == "/declared-large":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
            self.wfile.write(b"<html>")
        elif path == "/empty":
            self.answer(200, b"")
        else:
            self.answer(404, b"no such test path")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True  # /slow must not hold the server when it is killed


server = Server(("127.0.0.1", 0), Handler)
with open(PORTFILE + ".tmp", "w") as f:
    f.write("%d\n" % server.server_address[1])
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
