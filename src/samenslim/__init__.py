"""samenslim: facilitate the werkvormen of 'Samen slim en slagvaardig vernieuwen' in a terminal."""

__version__ = "0.1.0"
