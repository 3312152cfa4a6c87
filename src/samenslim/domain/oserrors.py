"""Operating-system errors in Dutch. The OS's own text ("Input/output error", "No such file or
directory") is English on most machines; no message that reaches a user carries it."""

from __future__ import annotations

import errno

_DUTCH = {
    "ENOSPC": "de schijf is vol",
    "EROFS": "de schijf is alleen-lezen",
    "EACCES": "geen toegang: geen schrijfrechten of leesrechten op deze map of dit bestand",
    "EPERM": "geen toegang: geen schrijfrechten of leesrechten op deze map of dit bestand",
    "EDQUOT": "je schijfquotum is op",
    "EIO": "leesfout of schrijffout op de schijf (de schijf of verbinding is misschien defect)",
    "ENOENT": "het bestand of de map bestaat niet (meer)",
    "ENOTDIR": "een deel van het pad is geen map",
    "EISDIR": "dit is een map, geen bestand",
    "EEXIST": "er bestaat al een bestand met die naam",
    "ENAMETOOLONG": "de naam of het pad is te lang",
    "ELOOP": "het pad verwijst in een kringetje naar zichzelf (symbolische koppelingen)",
    "EMFILE": "er zijn te veel bestanden tegelijk open",
    "ENFILE": "het systeem heeft te veel bestanden tegelijk open",
    "EFBIG": "het bestand is te groot voor deze schijf",
    "EBUSY": "het bestand of de map is bezet",
    "ETXTBSY": "het bestand is bezet",
    "EAGAIN": "het bestand is tijdelijk niet beschikbaar; probeer het opnieuw",
    "EINTR": "onderbroken; probeer het opnieuw",
    "ENOMEM": "er is niet genoeg geheugen",
    "ENODEV": "het apparaat is er niet (meer)",
    "ENXIO": "het apparaat is er niet (meer)",
    "ESTALE": "de netwerkschijf is niet meer bereikbaar (verouderde verwijzing)",
    "ENOTCONN": "de netwerkschijf is niet verbonden",
    "ETIMEDOUT": "de schijf of het netwerk reageerde niet op tijd",
    "EHOSTDOWN": "de netwerkschijf is niet bereikbaar",
    "ENOTEMPTY": "de map is niet leeg",
    "EXDEV": "verplaatsen tussen twee schijven kan niet",
    "EINVAL": "ongeldige naam of bewerking voor dit bestandssysteem",
    "ENOTSUP": "dit bestandssysteem ondersteunt de bewerking niet",
    "EOPNOTSUPP": "dit bestandssysteem ondersteunt de bewerking niet",
    "ENOSYS": "dit bestandssysteem ondersteunt de bewerking niet",
    "EBADF": "het bestand was al gesloten",
    "ECANCELED": "de bewerking is afgebroken",
}
# By number, for the codes this platform has (Windows and macOS lack some).
DUTCH_BY_ERRNO = {getattr(errno, name): text for name, text in _DUTCH.items() if hasattr(errno, name)}


def describe_os_error(error: OSError) -> str:
    """The error in Dutch; an unknown code is named (e.g. 'systeemfout EXYZ (nummer 123)'), never the
    OS's English text."""
    if error.errno in DUTCH_BY_ERRNO:
        return DUTCH_BY_ERRNO[error.errno]
    if error.errno is None:
        return "onbekende systeemfout"
    name = errno.errorcode.get(error.errno, "")
    return f"systeemfout {name} (nummer {error.errno})" if name else f"systeemfout nummer {error.errno}"
