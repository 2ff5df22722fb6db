"""The pension estimate: calculator and information pages (/pensie), the JSON API and its OpenAPI description (/api/v1). The rules themselves are domain.pension."""
