"""The pipeline stages, one module each, in the order pantau/pipeline.py lists them."""
