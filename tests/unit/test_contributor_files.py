"""Workflows, pre-commit, contributor guides and pull-request template: consistent with the code."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest
import yaml

from geotrek_portal import new_post
from geotrek_portal.config import _MkDocsLoader as _Lenient  # mkdocs.yml's tags ignored, as `make check` does
from geotrek_portal.posts import OPTIONAL_KEYS, REQUIRED_KEYS
from tests.conftest import REPO

WORKFLOWS = REPO / ".github/workflows"
GUIDES = [REPO / "CONTRIBUTING.md", REPO / "CONTRIBUTING.en.md"]
# `uses: owner/name@<commit> # vX.Y.Z`: the commit of a release tag, the tag for people and dependabot
PINNED_USE = re.compile(r"^\s*(?:- )?uses: (actions/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)\s*$")
BIN = Path(sys.executable).parent


def make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", text, re.M)}


def make_calls(command: str) -> list[str]:
    """Targets of every `make ...` in a shell command."""
    return [m.group(1) for m in re.finditer(r"(?:^|[;&|]\s*|\n\s*)make\s+(?:-\S+\s+)*([A-Za-z0-9_.-]+)", command)]


def load_workflow(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads `on:` as true
    return workflow


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, job, step


def project_python() -> str:
    requires = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    return re.fullmatch(r">=\s*(\d+\.\d+)", requires).group(1)


# ------------------------------------------------------------------ workflows
@pytest.fixture(scope="module", params=sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def workflow(request) -> dict:
    return load_workflow(WORKFLOWS / request.param)


def test_both_workflows_exist():
    assert {"pull-request.yml", "pages.yml"} <= {p.name for p in WORKFLOWS.glob("*.yml")}


def test_every_job_is_named_and_every_make_target_exists(workflow):
    targets = make_targets()
    for job_id, job in workflow["jobs"].items():
        assert job.get("name"), f"job {job_id} has no name"
        assert job.get("runs-on")
    calls = [call for _, _, step in steps(workflow) if "run" in step for call in make_calls(step["run"])]
    assert calls, "the workflow runs make targets"
    assert [call for call in calls if call not in targets] == []


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_actions_are_official_and_pinned_to_a_commit(path):
    """GitHub's own actions, at a commit (a tag can be moved), the release named beside it."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert lines
    assert [line.strip() for line in lines if not PINNED_USE.match(line)] == []


def test_jobs_get_only_the_permissions_they_ask_for(workflow):
    """Nothing at the workflow level; a job writes only what its action needs (Pages deployment)."""
    assert workflow["permissions"] == {}
    for job_id, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"{job_id} does not declare its permissions"
        writes = {scope for scope, level in job["permissions"].items() if level == "write"}
        uses = {step["uses"].split("@")[0] for step in job.get("steps", []) if "uses" in step}
        allowed = {"pages", "id-token"} if "actions/deploy-pages" in uses else set()
        assert writes <= allowed, f"{job_id} writes {writes - allowed}"


def test_checkouts_keep_no_credentials(workflow):
    for job_id, _, step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, job_id


def test_zizmor_finds_nothing():
    """`make check-ci`: the GitHub Actions security linter, offline, default persona."""
    zizmor = BIN / "zizmor"
    if not zizmor.exists():
        pytest.skip("zizmor is not installed: run `make install-dev`")
    proc = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", "--format", "plain", str(WORKFLOWS)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings" in proc.stdout, proc.stdout


def test_python_is_the_projects(workflow):
    python = project_python()
    for job_id, job, step in steps(workflow):
        if step.get("uses", "").startswith("actions/setup-python@"):
            assert str(step["with"]["python-version"]) == python, job_id
    for job_id, job in workflow["jobs"].items():
        image = job.get("container")
        image = image.get("image") if isinstance(image, dict) else image
        if image:
            assert re.fullmatch(rf"python:{re.escape(python)}-\w+", image), f"{job_id}: {image}"


def test_pull_requests_run_check_build_tests_and_the_workflow_linter():
    workflow = load_workflow(WORKFLOWS / "pull-request.yml")
    assert "pull_request" in workflow["on"]
    calls = {job_id: [c for _, _, s in steps({"jobs": {job_id: job}}) if "run" in s for c in make_calls(s["run"])]
             for job_id, job in workflow["jobs"].items()}
    assert {"check", "check-ci", "build", "test"} <= {c for cs in calls.values() for c in cs}
    # the browser tests need Debian's chromium: the test job runs in Debian and installs it
    test_job = next(job for job_id, job in workflow["jobs"].items() if "test" in calls[job_id])
    assert "bookworm" in test_job["container"] or "trixie" in test_job["container"]
    assert any("apt-get install" in s.get("run", "") and "chromium" in s["run"] for s in test_job["steps"])


def test_main_is_checked_built_and_deployed_to_pages():
    """What is deployed is the strict build of main, after `make check`."""
    workflow = load_workflow(WORKFLOWS / "pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    uploads = [(job_id, i, s) for job_id, job in jobs.items() for i, s in enumerate(job.get("steps", []))
               if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert len(uploads) == 1
    build_id, upload_at, upload = uploads[0]
    site_dir = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Lenient).get("site_dir", "site")
    assert upload["with"]["path"] == site_dir
    before = [c for s in jobs[build_id]["steps"][:upload_at] if "run" in s for c in make_calls(s["run"])]
    assert {"check", "build"} <= set(before)
    deploys = [job for job in jobs.values() if any(s.get("uses", "").startswith("actions/deploy-pages@")
                                                   for s in job.get("steps", []))]
    assert len(deploys) == 1
    needs = deploys[0]["needs"]
    assert build_id in ([needs] if isinstance(needs, str) else needs)
    assert deploys[0]["environment"]["name"] == "github-pages"


def test_make_calls_parsing():
    assert make_calls("make check") == ["check"]
    assert make_calls("apt-get update && make -s test") == ["test"]
    assert make_calls("echo make") == []


# ------------------------------------------------------------------ pre-commit
def test_pre_commit_configuration_is_valid_and_pinned():
    path = REPO / ".pre-commit-config.yaml"
    subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(path)], check=True)
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"portal-check", "trailing-whitespace", "end-of-file-fixer", "check-yaml", "ruff"} <= set(hooks)
    assert hooks["portal-check"]["entry"] == "make check" and "check" in make_targets()
    for repo in config["repos"]:
        assert repo["repo"] == "local" or re.fullmatch(r"v?\d+\.\d+\.\d+", repo.get("rev", "")), repo["repo"]
    for hook in hooks.values():
        for dependency in hook.get("additional_dependencies", []):
            assert re.fullmatch(r"[A-Za-z0-9_.-]+==\d[\w.]*", dependency), dependency


def test_make_hooks_installs_pre_commit():
    assert "hooks" in make_targets()
    assert re.search(r"^pre-commit==", (REPO / "requirements-dev.txt").read_text(encoding="utf-8"), re.M)


# ------------------------------------------------------------------ guides
def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading (it keeps accented letters)."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.fixture(params=GUIDES, ids=lambda p: p.name)
def guide(request) -> str:
    return request.param.read_text(encoding="utf-8")


def test_every_front_matter_key_is_explained(guide):
    for key in (*REQUIRED_KEYS, *OPTIONAL_KEYS):
        assert re.search(rf"^\| `{key}` \|", guide, re.M), f"no row for `{key}`"


def test_make_commands_of_the_guide_exist(guide):
    # commands are in code (`make check`, a line of a shell block) or name a check (make test)
    mentioned = set(re.findall(r"(?:`|^|\()make ([a-z][a-z-]*)", guide, re.M))
    assert {"new-post", "check", "serve", "hooks", "build", "test"} <= mentioned
    assert mentioned - make_targets() == set()


def test_internal_links_of_the_guide_resolve(guide):
    anchors = {github_anchor(h) for h in re.findall(r"^#{1,6} (.+)$", guide, re.M)}
    links = re.findall(r"\]\(#([^)]+)\)", guide)
    assert links and [link for link in links if link not in anchors] == []
    for target in re.findall(r"\]\(([A-Za-z][\w.]*\.md)\)", guide):
        assert (REPO / target).is_file()


def test_quoted_messages_are_the_cores(guide):
    """The table of messages quotes what the code says: it fails when a message is reworded."""
    core = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "geotrek_portal").glob("*.py"))
    rows = re.findall(r"^\| `(\w[\w ]*): ([^`]+)`", guide, re.M)
    assert len(rows) >= 12
    for _field, message in rows:
        for fragment in re.split(r"'[^']*'|\.\.\.", message):
            fragment = fragment.strip()
            if fragment:
                assert fragment in core, f"'{fragment}' is not a message of geotrek_portal"


def test_pull_request_job_names_are_in_the_guide(guide):
    workflow = load_workflow(WORKFLOWS / "pull-request.yml")
    for job in workflow["jobs"].values():
        assert f"**{job['name']}**" in guide


@pytest.mark.parametrize(
    "guide_name, args",
    [
        ("CONTRIBUTING.md", ["--title", "Retour sur l'atelier Geotrek-admin"]),
        ("CONTRIBUTING.en.md", ["--title", "Looking back at the Geotrek-admin workshop", "--lang", "en"]),
    ],
)
def test_the_guides_show_what_make_new_post_prints(tmp_path, guide_name, args):
    (tmp_path / "docs/blog/posts").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()
    code = new_post.main(
        ["--config", str(tmp_path / "mkdocs.yml"), "--preview-root", "http://127.0.0.1:8000/", *args],
        out=out, today=date(2024, 6, 3),
    )
    assert code == 0
    assert out.getvalue() in (REPO / guide_name).read_text(encoding="utf-8")


def test_pull_request_template_has_the_checklist():
    template = (REPO / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5
    assert "make check" in template and "CONTRIBUTING.md" in template
