"""A high-contrast theme for projectors and low vision: white on black, pure yellow and cyan
accents, no mid-grey text. Textual ships none; this one is registered by the app."""

from __future__ import annotations

from textual.theme import Theme

HOOG_CONTRAST = Theme(
    name="hoog-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    warning="#FFA500",
    error="#FF3333",
    success="#00FF00",
    boost="#FFFFFF",
    dark=True,
    variables={
        "text-muted": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "footer-key-foreground": "#FFFF00",
        "input-selection-background": "#FFFF00 50%",
    },
)
