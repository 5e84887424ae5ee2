from bs4 import BeautifulSoup


def html(response):
    """The parsed body of a response, for assertions on what a visitor sees."""
    return BeautifulSoup(response.content.decode(), "html.parser")
