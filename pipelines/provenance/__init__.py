"""Content Credentials (C2PA): each project's signing certificate, signing and verifying."""
