"""Coding practice: write the answer yourself, run honest tests in a child process.

Pure core (no Qt): `problems` (the table), `problems_*` (starters and tests per problem),
`runner` (the limited child process), `child` (what runs inside it), `grader`, `cli`.
The Qt pane and editor live in `app.practice.qt`.
"""
