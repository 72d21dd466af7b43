"""What the coach and the clinic pages share: :mod:`~vision.ui.common.database` (one database per
process), :mod:`~vision.ui.common.lang` (the chosen language and its translator) and
:mod:`~vision.ui.common.escape` (user text made safe for Markdown-rendering elements)."""
