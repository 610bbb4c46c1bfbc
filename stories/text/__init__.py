"""The text layer: how Newsdesk reads news text. Plain Python, no Django.

Ingest, alignment and grouping all read text through these modules, so a
figure, a quote, a dateline or a stopword means the same thing everywhere:

- ``normalize``: canonical forms for matching (NFKC, quotes, dashes, spaces),
  words with offsets, the table of variant spellings;
- ``stopwords``: function words per language, ``is_stopword``;
- ``sentences``: paragraphs and sentences (syntok plus rules for news copy);
- ``datelines``: "LONDON (Reuters) -" and its kin, as metadata;
- ``quotes``: quoted spans and the speaker a sentence names;
- ``figures``: numbers as values with units (amounts, percentages, measures,
  counts, ordinals, times, dates, scores, ranges, years), ``same_figure``;
- ``names``: capitalised name runs.
"""
