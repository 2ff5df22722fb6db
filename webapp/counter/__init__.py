"""The county counter (/ghiseu): routes in views.py, state changes in service.py, reads in queries.py."""
