"""The Markdown editor: toolbar, live preview and the teacher's private autosaved drafts."""
