"""What users say to ask for each constraint: the phrasings of every family, as data.

Kept apart from the families (``_constraints.py``) so the wording is data, and so that a reader of
users' messages (the built-in baselines of ``_reading.py``) inverts exactly the sentences the
generator writes. Placeholders name checker arguments; lists are written as ``"a" and "b"``.
"""

PHRASES: dict[str, tuple[str, ...]] = {
    "word_limit": (
        "Keep the whole thing under {num_words} words.",
        "Please stay below {num_words} words in total.",
        "It has to be shorter than {num_words} words.",
    ),
    "word_minimum": (
        "Make it at least {num_words} words long.",
        "I need a minimum of {num_words} words.",
        "Write no fewer than {num_words} words.",
    ),
    "sentence_limit": (
        "Use fewer than {num_sentences} sentences.",
        "Keep it below {num_sentences} sentences overall.",
    ),
    "sentence_minimum": (
        "Write at least {num_sentences} sentences.",
        "I want {num_sentences} sentences or more.",
    ),
    "no_commas": (
        "Don't use any commas.",
        "Avoid commas completely.",
        "Not a single comma, please.",
    ),
    "comma_minimum": (
        "Use at least {frequency} commas.",
        "Include no fewer than {frequency} commas.",
    ),
    "all_lowercase": (
        "Write everything in lowercase English, no capital letters at all.",
        "All lowercase please, and in English.",
    ),
    "all_capitals": (
        "Write the entire thing in English using only capital letters.",
        "Everything in upper case, in English.",
    ),
    "capital_words_minimum": (
        "Put at least {capital_frequency} words in ALL CAPS for emphasis.",
        "Emphasise with all-caps words, {capital_frequency} of them at minimum.",
    ),
    "capital_words_limit": (
        "Use fewer than {capital_frequency} all-caps words.",
        "Go easy on shouting: under {capital_frequency} words in all caps.",
    ),
    "include_keywords": (
        "Make sure to mention {keywords}.",
        "The text must include {keywords}.",
    ),
    "avoid_words": (
        "Do not use the words {forbidden_words}.",
        "Leave out {forbidden_words} entirely.",
    ),
    "keyword_repeat": (
        "Use the word \"{keyword}\" at least {frequency} times.",
        "Say \"{keyword}\" {frequency} or more times.",
    ),
    "keyword_limit": (
        "Mention \"{keyword}\" fewer than {frequency} times.",
        "Don't overuse \"{keyword}\": under {frequency} mentions.",
    ),
    "bullet_points": (
        "Include exactly {num_bullets} bullet points written as markdown '* ' items.",
        "I need precisely {num_bullets} bullets (markdown lines starting with '* ').",
    ),
    "title": (
        "Give it a title in double angle brackets, like <<Team Update>>.",
        "Put a title wrapped in << and >> at the top.",
    ),
    "postscript": (
        "Add a postscript at the end that starts with \"{postscript_marker}\".",
        "Finish with a short note beginning \"{postscript_marker}\".",
    ),
    "end_phrase": (
        "End with exactly \"{end_phrase}\" and nothing after it.",
        "The very last words must be \"{end_phrase}\"",
    ),
    "highlights": (
        "Highlight at least {num_highlights} phrases with markdown, like *this*.",
        "Mark {num_highlights} or more key phrases in *asterisks*.",
    ),
    "paragraphs_one": (
        "Keep it to one single paragraph, no *** dividers.",
        "One paragraph only, please.",
    ),
    "paragraphs": (
        "Use exactly {num_paragraphs} paragraphs, separated by a line with three asterisks (***).",
        "Structure it as {num_paragraphs} paragraphs with *** between them.",
    ),
    "json_output": (
        "Deliver it as valid JSON and nothing else.",
        "The entire output has to be a JSON document.",
    ),
    "quotation": (
        "Wrap the entire text in double quotation marks.",
        "Put the whole thing inside \"double quotes\".",
    ),
}
"""Phrasings by family name (``paragraphs_one``: the one-paragraph form of ``paragraphs``)."""
