"""Domain core of the Geotrek community portal.

Plain Python, no MkDocs: posts and their front matter, translation groups,
events and the Jekyll import. The MkDocs hooks in ``hooks/`` adapt it.
"""
