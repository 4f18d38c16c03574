"""Rendering: answers to limit-checked cards (render.cards/answers) and to the terminal (render.console)."""
