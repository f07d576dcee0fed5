"""Messages: what a recipient hears at one send time (model), how items are grouped (group),
the secretariat's digest as data (digest), and rendering (render, by the delivery side)."""
