"""Phase-appropriate, personal plan items with dose and reasons; what to leave out and why."""
