"""The MCP server for AI assistants: one per tenant at `/mcp/{subdomain}` (no business rules)."""
