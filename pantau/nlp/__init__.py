"""Text machinery the stages share: matchers, the NER tagger, the knowledge base, lexicons."""
