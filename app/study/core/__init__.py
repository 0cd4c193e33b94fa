"""The study core (no Qt): FSRS scheduling, the daily queue, statistics, mock sessions,
predictions, export/import and backups. Tested without a QApplication."""
