"""The citizen's SKM form and kiosk: no login, addressed by the service unit's public slug."""
