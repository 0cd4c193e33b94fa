"""The study screens (Qt): review tab, Today page, dashboard, mock interview, browser, menu."""
