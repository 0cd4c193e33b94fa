"""Qt side of coding practice: the code editor, its highlighter, the practice pane."""
