"""The clients of bench/load.py: browsing people, API users, logged-in owners, an editor and a lag probe.

Every request is timed and recorded with its group; a request counts as an error when it raises, times out or
answers another status than the one a working site gives (200, or the redirect after a saved form).
"""
import random
import re
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser

import requests

QUERIES = [  # what people type: several languages, scripts, short and long, a typo
    "wheat", "пшеница", "бидай", "copper cathode", "катодная медь", "мыс катод", "nohut", "chickpeas",
    "алюминиевые слитки", "алюминевые слитки", "wool yarn", "шерсть", "jün", "halal lamb", "баранина халал",
    "honey", "бал", "mật ong", "小麦", "мед экспорт", "flour FCA Almaty", "sunflower oil", "подсолнечное масло",
    "Sonnenblumenöl", "cotton", "хлопок", "pamuk", "steel pipe", "стальные трубы", "dried apricots",
]
TIMEOUT = 30


@dataclass
class Sample:
    group: str
    seconds: float
    ok: bool
    at: float


@dataclass
class Recorder:
    samples: list = field(default_factory=list)
    measuring: bool = False  # warm-up requests are not recorded

    def request(self, session: requests.Session, group: str, method: str, url: str, expect=200, **kwargs):
        started = time.perf_counter()
        try:
            response = session.request(method, url, timeout=TIMEOUT, allow_redirects=False, **kwargs)
            ok = response.status_code == expect
        except requests.RequestException:
            response, ok = None, False
        if self.measuring:
            self.samples.append(Sample(group, time.perf_counter() - started, ok, time.monotonic()))
        return response if ok else None


@dataclass
class Site:
    base: str
    opportunities: list[int]
    companies: list[int]
    owned: dict  # account e-mail -> ids of its company's opportunities
    fresh_queries: float = 0.0  # share of searches for two of QUERIES together: mostly never asked before


def pick_query(rng: random.Random, fresh_share: float) -> str:
    """A query people type; with `fresh_share`, two of them together, so that a cache of recent queries is not
    handed the whole search traffic (30 queries repeat within seconds, a long tail does not)."""
    if rng.random() < fresh_share:
        return " ".join(rng.sample(QUERIES, 2))
    return rng.choice(QUERIES)


class FormReader(HTMLParser):
    """The fields a browser would send from the page's POST form: inputs, checked boxes, selects, textareas."""

    def __init__(self) -> None:
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._select = self._textarea = None
        self._first_option = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.data.append((name, attrs.get("value") or ""))
        elif tag == "select":
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            self._first_option = value if self._first_option is None else self._first_option
            if "selected" in attrs:
                self.data.append((self._select, value))
                self._select = None
        elif tag == "textarea":
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:  # nothing selected: a browser sends the first option
            self.data.append((self._select, self._first_option or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def form_fields(html: str) -> list[tuple[str, str]]:
    reader = FormReader()
    reader.feed(html)
    return reader.data


def log_in(base: str, email: str, password: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/account/login", timeout=TIMEOUT)
    data = dict(form_fields(page.text)) | {"email": email, "password": password}
    answer = session.post(f"{base}/account/login", data=data, timeout=TIMEOUT, allow_redirects=False)
    if answer.status_code != 302:
        raise RuntimeError(f"log-in of {email} failed: {answer.status_code}")
    return session


def browse_once(site: Site, rec: Recorder, session: requests.Session, rng: random.Random) -> None:
    """One step of an anonymous visitor or API user, by realistic weights."""
    b, opp, comp = site.base, rng.choice(site.opportunities), rng.choice(site.companies)
    page, query = rng.randint(1, 10), pick_query(rng, site.fresh_queries)
    steps = [
        (20, "list", lambda: f"{b}/opportunities/?page={page}" if rng.random() < 0.6 else
         (f"{b}/companies/?page={page}" if rng.random() < 0.7 else f"{b}/")),
        (30, "detail", lambda: f"{b}/opportunities/{opp}" if rng.random() < 0.7 else f"{b}/companies/{comp}"),
        (20, "search", lambda: f"{b}/search/?q={query}"),
        (8, "api-list", lambda: f"{b}/api/v1/opportunities?page={page}" if rng.random() < 0.6 else
         f"{b}/api/v1/companies?page={page}"),
        (10, "api-detail", lambda: f"{b}/api/v1/opportunities/{opp}" if rng.random() < 0.6 else
         f"{b}/api/v1/companies/{comp}"),
        (6, "api-search", lambda: f"{b}/api/v1/search?q={query}"),
        (6, "api-matches", lambda: f"{b}/api/v1/opportunities/{opp}/matches"),
    ]
    _, group, url = rng.choices(steps, weights=[s[0] for s in steps])[0]
    rec.request(session, group, "GET", url())


def owner_once(site: Site, rec: Recorder, session: requests.Session, rng: random.Random, email: str) -> None:
    """One step of a logged-in owner: the dashboard, suggestions on an own listing, or browsing."""
    roll = rng.random()
    if roll < 0.4:
        rec.request(session, "dashboard", "GET", f"{site.base}/dashboard")
    elif roll < 0.7:
        rec.request(session, "suggestions", "GET", f"{site.base}/opportunities/{rng.choice(site.owned[email])}")
    else:
        browse_once(site, rec, session, rng)


def client_loop(step, deadline: float, think: float, rng: random.Random) -> None:
    """A person: a step, then a pause (exponential, mean `think` seconds), until the deadline."""
    while time.monotonic() < deadline:
        step()
        if think:
            time.sleep(min(rng.expovariate(1 / think), 5 * think))


@dataclass
class Edit:
    opportunity_id: int
    marker: str
    saved_at: float
    search_lag: float | None = None
    match_lag: float | None = None


MARK = re.compile(r" Lot note lm[0-9a-f]+\.")


def edit_once(site: Site, rec: Recorder, session: requests.Session, opportunity_id: int, marker: str) -> bool:
    """An owner opens the edit form and saves a new description (a new word in it), CSRF token and all."""
    url = f"{site.base}/opportunities/{opportunity_id}/edit"
    page = rec.request(session, "edit-form", "GET", url)
    if page is None:
        return False
    data = form_fields(page.text)
    data = [(k, MARK.sub("", v) + f" Lot note {marker}." if k == "description" else v) for k, v in data]
    return rec.request(session, "edit-save", "POST", url, expect=302, data=data) is not None


@dataclass
class Editor:
    """Edits at a steady rate, each by the owner of the listing; the probe then watches for it."""

    site: Site
    rec: Recorder
    sessions: dict  # e-mail -> logged-in session
    rate: float
    edits: list = field(default_factory=list)
    saved: int = 0
    superseded: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self, deadline: float, rng: random.Random) -> None:
        """Edit at the rate whatever happens, preferring listings whose last edit has shown; an edit that
        overwrites one still watched ends that watch (counted as superseded, not as a lag)."""
        next_at = time.monotonic()
        listings = {i: mail for mail, ids in self.site.owned.items() for i in ids}
        while next_at < deadline:
            time.sleep(max(0.0, next_at - time.monotonic()))
            next_at += 1 / self.rate
            with self.lock:
                watched = {e.opportunity_id for e in self.edits if e.search_lag is None or e.match_lag is None}
            opportunity_id = rng.choice(sorted(listings.keys() - watched) or sorted(listings))
            marker = f"lm{rng.getrandbits(40):010x}"
            if edit_once(self.site, self.rec, self.sessions[listings[opportunity_id]], opportunity_id, marker):
                self.saved += 1
                with self.lock:
                    self.superseded += sum(e.opportunity_id == opportunity_id for e in self.edits
                                           if e.search_lag is None or e.match_lag is None)
                    self.edits = [e for e in self.edits if e.opportunity_id != opportunity_id
                                  or (e.search_lag is not None and e.match_lag is not None)]
                    self.edits.append(Edit(opportunity_id, marker, time.monotonic()))

    def probe(self, until: threading.Event, session: requests.Session) -> None:
        """Until told to stop: when does each edit show in search, and its suggestions come back?"""
        while not until.is_set():
            with self.lock:
                open_edits = [e for e in self.edits if e.search_lag is None or e.match_lag is None]
            for edit in open_edits:
                self._look(edit, session)
            time.sleep(0.25)

    def _look(self, edit: Edit, session: requests.Session) -> None:
        base = self.site.base
        if edit.search_lag is None:
            found = self.rec.request(session, "probe", "GET", f"{base}/api/v1/search?q={edit.marker}")
            if found is not None and any(item.get("id") == edit.opportunity_id
                                         for item in found.json().get("items", [])):
                edit.search_lag = time.monotonic() - edit.saved_at
        if edit.match_lag is None:
            found = self.rec.request(session, "probe", "GET", f"{base}/api/v1/opportunities/"
                                                              f"{edit.opportunity_id}/matches?limit=5")
            if found is not None and not found.json().get("pending") and found.json().get("items"):
                edit.match_lag = time.monotonic() - edit.saved_at
