"""Body transformations: Jekyll's site root and excerpt markers."""

from geotrek_portal.markdown import MORE, ensure_excerpt_marker, resolve_site_root


def test_site_root_in_markdown_links_becomes_a_source_relative_path():
    body = "![]({{ site.baseurl }}/assets/img/a.jpg) and [doc]({{site.base_url}}/blog/)\n[ref]: {{ site.baseurl }}/x.pdf"
    assert resolve_site_root(body, "../..", "/") == (
        "![](../../assets/img/a.jpg) and [doc](../../blog/)\n[ref]: ../../x.pdf"
    )


def test_site_root_in_raw_html_becomes_the_site_path():
    body = '<img src="{{ site.baseurl }}/assets/img/a.jpg"> <a href="{{site.base_url}}/x">x</a>'
    assert resolve_site_root(body, "../..", "/geotrek/") == (
        '<img src="/geotrek/assets/img/a.jpg"> <a href="/geotrek/x">x</a>'
    )


def test_jekyll_marker_is_normalized():
    assert ensure_excerpt_marker("Intro\n\n<!--more-->\n\nRest") == f"Intro\n\n{MORE}\n\nRest"
    assert ensure_excerpt_marker("Intro\n<!--  MORE -->\nRest") == f"Intro\n{MORE}\nRest"


def test_marker_goes_after_first_paragraph_of_text():
    body = "# Heading\n\n![](a.jpg)\n\nFirst *paragraph*\non two lines.\n\nSecond."
    result = ensure_excerpt_marker(body)
    head, tail = result.split(MORE)
    assert "First *paragraph*\non two lines." in head and "Second." in tail


def test_marker_skips_code_and_iframes():
    body = '```\ncode\n\nmore code\n```\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n\nText.\n\nRest.'
    head, tail = ensure_excerpt_marker(body).split(MORE)
    assert "Text." in head and "Rest." in tail and "more code" in head


def test_single_paragraph_post_is_its_own_excerpt():
    assert ensure_excerpt_marker("Only one paragraph.") == f"Only one paragraph.\n\n{MORE}\n"


def test_post_without_text_still_gets_a_marker():
    assert ensure_excerpt_marker("![](a.jpg)\n") == f"![](a.jpg)\n\n{MORE}\n"
    assert ensure_excerpt_marker("") == f"\n\n{MORE}\n"


def test_raw_html_post_is_split_after_its_first_paragraph_and_stays_well_formed():
    body = '<div class="post" id="main">\n<p>First.</p>\n\n<p>Second.</p>\n</div>\n'
    head, tail = ensure_excerpt_marker(body).split(MORE)
    assert head.strip() == '<div class="post" id="main">\n<p>First.</p></div>'
    assert tail.strip() == '<div class="post">\n\n<p>Second.</p>\n</div>'


def test_html_block_spanning_blank_lines_is_one_block():
    body = "<div>\n<p>A.</p>\n\n<p>B.</p>\n</div>\n\nAfter."
    head, tail = ensure_excerpt_marker(body).split(MORE)
    assert "<p>A.</p>" in head and "<p>B.</p>" in tail and head.count("<div>") == 1


# ---------------------------------------------------------------- excerpt heads
from geotrek_portal.markdown import excerpt_head  # noqa: E402


def test_excerpt_head_ends_with_the_separator():
    assert excerpt_head(f"Intro.\n\n{MORE}\n\nRest.\n") == f"Intro.\n\n{MORE}\n"
    assert excerpt_head(f"# Title\n\nIntro [a](b.md).\n\n{MORE}\n\n## Part\n\nRest.") == (
        f"# Title\n\nIntro [a](b.md).\n\n{MORE}\n"
    )


def test_excerpt_head_is_none_when_the_rest_could_change_the_head():
    cases = {
        "reference definition after": f"[Intro][r].\n\n{MORE}\n\nRest.\n\n[r]: https://example.org",
        "footnote after": f"Intro[^1].\n\n{MORE}\n\nRest.\n\n[^1]: Note.",
        "abbreviation after": f"Intro HTML.\n\n{MORE}\n\n*[HTML]: Hyper Text",
        "first-level heading after (excerpt toc)": f"Intro.\n\n{MORE}\n\n# Part\n\nRest.",
        "setext first-level heading after": f"Intro.\n\n{MORE}\n\nPart\n====\n\nRest.",
        "html first-level heading after": f"Intro.\n\n{MORE}\n\n<h1>Part</h1>",
        "inside a paragraph": f"Intro {MORE} rest.\n\nMore.",
        "no blank line before": f"Intro.\n{MORE}\n\nRest.",
        "no blank line after": f"Intro.\n\n{MORE}\nRest.",
        "indented": f"- item\n\n    {MORE}\n\nRest.",
        "inside fenced code": f"```\ncode\n\n{MORE}\n\n```\n\nRest.",
        "inside an open html element": f"<div>\n\nIntro.\n\n{MORE}\n\n</div>\n\nRest.",
        "nothing after": f"Intro.\n\n{MORE}\n\n",
        "no separator": "Intro.\n\nRest.",
    }
    for name, body in cases.items():
        assert excerpt_head(body) is None, name


def test_excerpt_head_skips_separators_in_fenced_code():
    # code shows the separator escaped: the HTML is split at the next one
    body = f"~~~\n{MORE}\n~~~\n\nIntro.\n\n{MORE}\n\nRest."
    assert excerpt_head(body) == f"~~~\n{MORE}\n~~~\n\nIntro.\n\n{MORE}\n"
