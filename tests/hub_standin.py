"""A small stand-in for the Hugging Face Hub on 127.0.0.1: the endpoints that ``create_repo`` and
``create_commit`` of ``huggingface_hub`` call, answering every file as a regular (non-LFS)
upload, and remembering what was created and committed."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN = "hf_standin_good_token"
SHA = "0" * 40


@dataclass
class Hub:
    # "models/ns/name" or "datasets/ns/name" -> {"private": bool, "files": {path: bytes}}
    repos: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    validated: list[str] = field(default_factory=list)  # README contents sent to validate-yaml


def _handler(hub: Hub):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            return None

        def _send(self, code: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_HEAD(self) -> None:
            self._get(head=True)

        def do_GET(self) -> None:
            self._get(head=False)

        def _get(self, head: bool) -> None:
            """Repository info and file downloads, what ``snapshot_download`` reads."""
            hub.requests.append(f"{'HEAD' if head else 'GET'} {self.path}")
            parts = self.path.split("?")[0].strip("/").split("/")
            # /api/{models,datasets}/ns/name[/tree/rev]: repository info and file listing
            if parts[0] == "api" and len(parts) >= 4 and "/".join(parts[1:4]) in hub.repos:
                repo = "/".join(parts[1:4])
                files = hub.repos[repo]["files"]
                if len(parts) > 4 and parts[4] == "tree":
                    tree = [
                        {
                            "type": "file",
                            "path": name,
                            "size": len(content),
                            "oid": hashlib.sha1(content).hexdigest(),
                        }
                        for name, content in sorted(files.items())
                    ]
                    self._send(200, tree)
                    return
                siblings = [{"rfilename": name} for name in sorted(files)]
                self._send(
                    200,
                    {
                        "id": "/".join(parts[2:4]),
                        "sha": SHA,
                        "private": False,
                        "siblings": siblings,
                    },
                )
                return
            # /ns/name/resolve/rev/file (models) or /datasets/ns/name/resolve/rev/file
            if parts[0] != "datasets":
                parts = ["models", *parts]
            repo = "/".join(parts[:3])
            if len(parts) >= 6 and parts[3] == "resolve" and repo in hub.repos:
                files = hub.repos[repo]["files"]
                name = "/".join(parts[5:])
                if name in files:
                    content = files[name]
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(content)))
                    self.send_header("ETag", f'"{hashlib.sha256(content).hexdigest()}"')
                    self.send_header("X-Repo-Commit", SHA)
                    self.end_headers()
                    if not head:
                        self.wfile.write(content)
                    return
            self._send(404, {"error": "not in the stand-in"})

        def do_POST(self) -> None:
            hub.requests.append(f"POST {self.path}")
            body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self._send(401, {"error": "Invalid credentials in Authorization header"})
                return
            host = f"http://{self.headers['Host']}"
            if self.path == "/api/repos/create":
                request = json.loads(body)
                repo = (
                    f"{request.get('type', 'model')}s/{request['organization']}/{request['name']}"
                )
                private = request.get("private", request.get("visibility") == "private")
                hub.repos.setdefault(repo, {"private": bool(private), "files": {}})
                self._send(200, {"url": f"{host}/{repo.removeprefix('models/')}"})
                return
            if self.path == "/api/validate-yaml":  # the card's metadata, checked before commit
                hub.validated.append(json.loads(body).get("content", ""))
                self._send(200, {"errors": [], "warnings": []})
                return
            parts = self.path.split("?")[0].split("/")  # /api/<type>s/ns/name/<verb>/revision
            repo = "/".join(parts[2:5])
            if repo not in hub.repos:
                self._send(404, {"error": f"repository {repo} not found"})
                return
            if parts[5] == "preupload":
                files = json.loads(body)["files"]
                modes = [
                    {"path": f["path"], "uploadMode": "regular", "shouldIgnore": False}
                    for f in files
                ]
                self._send(200, {"files": modes})
            elif parts[5] == "commit":
                for line in body.decode().splitlines():
                    item = json.loads(line)
                    if item["key"] == "file":
                        value = item["value"]
                        content = base64.b64decode(value["content"])
                        hub.repos[repo]["files"][value["path"]] = content
                self._send(200, {"commitUrl": f"{host}/{repo}/commit/{SHA}", "commitOid": "0" * 40})
            else:
                self._send(404, {"error": f"unknown endpoint {self.path}"})

    return Handler


def serve() -> tuple[Hub, ThreadingHTTPServer]:
    """Start the stand-in on a free port of 127.0.0.1 (stop it with ``server.shutdown()``)."""
    hub = Hub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(hub))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return hub, server
