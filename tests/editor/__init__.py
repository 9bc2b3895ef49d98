"""The Markdown editor: preview, toolbar markup and autosaved drafts."""


def unit_form(**overrides):
    return {
        "title": "Sustainable wooden construction",
        "summary": "Timber frames for a cold climate.",
        "language": "sv",
        "languages": ["sv", "fi"],
        "licence": "CC-BY-4.0",
        "big_idea": "Wood stores carbon **for decades**.",
        "body": "## Week 1\n\nVisit a site.",
        **overrides,
    }
