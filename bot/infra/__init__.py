"""Process infrastructure: settings (read once in main) and logging."""
