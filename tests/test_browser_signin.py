"""One real-browser sign-in and sign-out: Chromium, the app with ``[auth]`` configured, and a real OpenID Connect
provider (oidc-provider-mock) on loopback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, write
from test_browser import CHROMIUM, CHROMIUM_ARGS, free_port, streamlit_command, wait_until_healthy
from ui_fixtures import write_assessments, write_frameworks

pytestmark = pytest.mark.browser
MOCK = shutil.which("oidc-provider-mock", path=str(Path(sys.executable).parent))
ACCESS = "people:\n  - {email: alice@example.org, affiliate: Wikimedia Test, role: coordinator}\n"


def wait_for(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):  # noqa: S310 - http://127.0.0.1
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture
def signed_deployment(tmp_path: Path) -> Iterator[str]:
    """The OIDC provider and the app, each on a free loopback port, with sign-in configured."""
    provider_port, app_port = free_port(), free_port()
    claims = json.dumps({"sub": "alice", "email": "alice@example.org", "name": "Alice"})
    provider_log = (tmp_path / "provider.log").open("w")
    provider = subprocess.Popen(
        [MOCK, "--port", str(provider_port), "--user-claims", claims],
        stdout=provider_log,
        stderr=subprocess.STDOUT,
    )
    issuer = f"http://127.0.0.1:{provider_port}"
    secrets = write(
        tmp_path / "secrets.toml",
        f"""\
        [auth]
        redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"
        cookie_secret = "a-browser-test-cookie-secret-longer-than-32"
        client_id = "partnerfit"
        client_secret = "partnerfit-secret"
        server_metadata_url = "{issuer}/.well-known/openid-configuration"
        """,
    )
    env = dict(
        os.environ,
        PARTNERFIT_FRAMEWORKS=str(write_frameworks(tmp_path / "frameworks")),
        PARTNERFIT_ASSESSMENTS=str(write_assessments(tmp_path / "assessments")),
        PARTNERFIT_ACCESS=str(write(tmp_path / "access.yaml", ACCESS)),
    )
    app_log = (tmp_path / "streamlit.log").open("w")
    app = subprocess.Popen(
        streamlit_command(app_port, "--secrets.files", str(secrets)),
        cwd=ROOT,
        env=env,
        stdout=app_log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"{issuer}/.well-known/openid-configuration", provider)
        url = f"http://127.0.0.1:{app_port}"
        wait_until_healthy(url, app)
        yield url
    finally:
        stop(app)
        stop(provider)
        app_log.close()
        provider_log.close()


@pytest.mark.skipif(
    not CHROMIUM.exists() or MOCK is None, reason="needs /usr/bin/chromium and oidc-provider-mock"
)
def test_sign_in_with_the_provider_then_sign_out(signed_deployment: str, tmp_path: Path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{signed_deployment}/compare")
            sign_in = page.get_by_role("button", name="Sign in")
            expect(sign_in).to_be_visible(timeout=30_000)
            expect(page.get_by_role("link", name="Compare")).to_have_count(0)  # only the sign-in page
            sign_in.click()

            page.locator("input[name=sub]").fill("alice")  # the provider's authorize page
            page.get_by_role("button", name="Authorize").click()

            expect(page.get_by_text("Signed in as")).to_be_visible(timeout=30_000)
            expect(page.get_by_text("coordinator in Wikimedia Test")).to_be_visible()
            page.screenshot(path=str(tmp_path / "signed-in.png"), full_page=True)

            page.get_by_role("button", name="Sign out").click()
            # the provider's end-session page (a button that redirects back), then the app's sign-in page
            end_session = page.get_by_role("button", name="End session")
            signed_out = page.get_by_role("button", name="Sign in")
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not signed_out.is_visible():
                if end_session.is_visible():
                    end_session.click()
                page.wait_for_timeout(250)
            expect(signed_out).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Signed in as")).to_have_count(0)
        finally:
            browser.close()
