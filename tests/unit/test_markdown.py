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
    # Material's `post_excerpt: required` fails the build on a post without the marker
    assert ensure_excerpt_marker("Only one paragraph.\n") == f"Only one paragraph.\n\n{MORE}\n"


def test_raw_html_post_is_split_after_its_first_paragraph_and_stays_well_formed():
    body = '<div class="post" id="main">\n<p>First.</p>\n\n<p>Second.</p>\n</div>\n'
    head, tail = ensure_excerpt_marker(body).split(MORE)
    assert head.strip() == '<div class="post" id="main">\n<p>First.</p></div>'
    assert tail.strip() == '<div class="post">\n\n<p>Second.</p>\n</div>'


def test_html_block_spanning_blank_lines_is_one_block():
    body = "<div>\n<p>A.</p>\n\n<p>B.</p>\n</div>\n\nAfter."
    head, tail = ensure_excerpt_marker(body).split(MORE)
    assert "<p>A.</p>" in head and "<p>B.</p>" in tail and head.count("<div>") == 1
