"""A Streamlit client that opens sessions the way the browser does, for load tests without browsers.

The protocol, as the frontend bundled with the installed streamlit speaks it (static/js/index.*.js):

1. ``GET /<page>?<query>`` sets the ``_streamlit_xsrf`` cookie (and, behind HAProxy, its sticky
   cookie); the browser then asks ``/_stcore/health`` and ``/_stcore/host-config``.
2. A WebSocket to ``/_stcore/stream`` offering the subprotocols ``["streamlit", <xsrf cookie>]``
   (Streamlit repurposes the second entry to carry the XSRF token), with the page's Origin and cookies.
3. A ``BackMsg`` ``rerun_script`` carrying a ``ClientState``: the query string, the page name from the
   URL path (its ``page_script_hash`` once the server has named it), the widget states and the
   hashes of the messages the client has cached.
4. ``ForwardMsg``s until ``script_finished`` (status FINISHED_EARLY_FOR_RERUN is not the end of a run).
   A large element the client said it holds comes back as a ``ref_hash`` and is read from the
   client's own cache, as the browser does; an unknown reference is an error.

Deferred downloads (``st.download_button`` with a callable) are a ``backend_operation_request``
answered with a ``/media/...`` URL, fetched with the session's cookies: behind a load balancer that
URL only exists on the replica that ran the session, so it checks stickiness.
"""

from __future__ import annotations

import asyncio
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.cookiejar import CookieJar

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

FINISHED_EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
FINISHED_WITH_COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR
# Elements whose payload is data, not text: skipped when collecting the strings a page shows
# (walking a 1 MB Plotly spec field by field would cost the client more than the server).
DATA_ELEMENTS = {"plotly_chart", "vega_lite_chart", "dataframe", "table", "arrow_data_frame", "imgs", "json",
                 "deck_gl_json_chart", "graphviz_chart", "echarts_chart", "html", "audio", "video"}
WIDGET_TYPES = {"slider", "checkbox", "selectbox", "radio", "multiselect", "text_input", "number_input"}


class ClientError(Exception):
    """A run that did not finish the way a browser would see it finish."""


@dataclass
class Widget:
    kind: str  # the Element field: slider, checkbox, ...
    id: str
    label: str
    fragment_id: str  # "" when the widget is outside any fragment
    proto: object  # the widget's own proto (min/max/options/default)


@dataclass
class Download:
    label: str
    file_id: str  # deferred downloads: generated on request
    url: str  # eager downloads: already served from /media/


@dataclass
class RunResult:
    """What one run (open or widget change) showed, with its timings."""

    latency: float = 0.0  # request -> script_finished, seconds (an open includes HTTP and the handshake)
    connect: float = 0.0  # HTTP page + health + WebSocket handshake (opens only)
    messages: int = 0
    bytes: int = 0
    cache_refs: int = 0  # elements sent as ref_hash and read from the client's cache
    exceptions: list[str] = field(default_factory=list)  # st.exception elements: tracebacks on the page
    strings: set[str] = field(default_factory=set)  # every text the non-chart elements show
    query_changes: list[str] = field(default_factory=list)  # the URL's query string as the server set it
    chart_specs: list[str] = field(default_factory=list)  # Plotly / Vega-Lite JSON, for token checks


def _http_get(opener: urllib.request.OpenerDirector, url: str, timeout: float) -> tuple[int, bytes]:
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:  # a status to report, not a client failure
        return error.code, error.read()


def _collect_strings(message, out: set[str]) -> None:
    """Every string field of a (small) proto message, recursively."""
    for descriptor, value in message.ListFields():
        if descriptor.type == descriptor.TYPE_STRING:
            if descriptor.is_repeated:
                out.update(value)
            else:
                out.add(value)
        elif descriptor.type == descriptor.TYPE_MESSAGE:
            items = value if descriptor.is_repeated else [value]
            for item in items:
                if hasattr(item, "ListFields"):
                    _collect_strings(item, out)


class Browser:
    """One student's browser: a cookie jar kept across tabs (the load balancer's sticky cookie lives here)."""

    def __init__(self, base_url: str, timeout: float = 60.0):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.cookies)

    async def get(self, path: str) -> tuple[int, bytes]:
        url = urllib.parse.urljoin(self.base_url + "/", path.lstrip("/"))
        return await asyncio.to_thread(_http_get, self.opener, url, self.timeout)

    def tab(self) -> Tab:
        return Tab(self)


class Tab:
    """One browser tab holding one Streamlit session (one WebSocket)."""

    def __init__(self, browser: Browser):
        self.browser = browser
        self.ws = None
        self.cache: dict[str, ForwardMsg] = {}  # hash -> cacheable message, as the frontend keeps them
        self.widgets: dict[str, Widget] = {}  # by label, the latest seen
        self.widget_states: dict[str, WidgetState] = {}  # what this tab has set, sent with every rerun
        self.downloads: dict[str, Download] = {}  # by label, the latest seen
        self.page_name = ""
        self.page_script_hash = ""
        self.session_id = ""  # from new_session.initialize: backend operations must name it
        self.query_string = ""
        self._responses: dict[str, ForwardMsg] = {}

    async def open(self, page: str, query: dict[str, str] | str = "") -> RunResult:
        """Load ``/<page>?<query>`` and wait for its first run to finish."""
        start = time.perf_counter()
        self.page_name = page
        self.query_string = query if isinstance(query, str) else urllib.parse.urlencode(query)
        path = f"/{page}" + (f"?{self.query_string}" if self.query_string else "")
        status, _ = await self.browser.get(path)
        if status != 200:
            raise ClientError(f"GET {path}: HTTP {status}")
        for probe in ("/_stcore/health", "/_stcore/host-config"):
            status, _ = await self.browser.get(probe)
            if status != 200:
                raise ClientError(f"GET {probe}: HTTP {status}")
        ws_url = "ws" + self.browser.base_url.removeprefix("http") + "/_stcore/stream"
        xsrf = self.browser.cookie("_streamlit_xsrf")
        try:
            self.ws = await connect(
                ws_url, subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],
                origin=self.browser.base_url, additional_headers={"Cookie": self.browser.cookie_header()},
                max_size=None, open_timeout=15, ping_interval=None)
        except (TimeoutError, OSError, WebSocketException) as error:
            raise ClientError(f"WebSocket handshake: {type(error).__name__}: {error}") from error
        connected = time.perf_counter()
        result = await self._rerun(fragment_id="")
        result.connect = connected - start
        result.latency = time.perf_counter() - start
        return result

    async def set_widget(self, label: str, **value) -> RunResult:
        """Change one widget (``value=`` for sliders, ``bool_value=`` for toggles...) and wait for the rerun.

        Widgets inside an ``st.fragment`` rerun only their fragment, as in the browser."""
        widget = self.widgets.get(label)
        if widget is None:
            raise ClientError(f"no widget labelled {label!r} on the page (have {sorted(self.widgets)})")
        state = WidgetState(id=widget.id)
        if "value" in value:
            state.double_array_value.data[:] = [float(value["value"])]
        elif "bool_value" in value:
            state.bool_value = bool(value["bool_value"])
        elif "string_value" in value:
            state.string_value = str(value["string_value"])
        else:
            raise ValueError(f"unsupported widget value {value}")
        self.widget_states[widget.id] = state
        start = time.perf_counter()
        result = await self._rerun(fragment_id=widget.fragment_id)
        result.latency = time.perf_counter() - start
        return result

    async def download(self, item: Download) -> tuple[int, bytes]:
        """Ask for a deferred file as the browser does on click, then GET its /media URL with the cookies."""
        url = item.url
        if item.file_id:
            request_id = uuid.uuid4().hex
            message = BackMsg()
            message.backend_operation_request.request_id = request_id
            message.backend_operation_request.session_id = self.session_id
            message.backend_operation_request.deferred_file.file_id = item.file_id
            await self.ws.send(message.SerializeToString())
            await self._read_until(lambda: request_id in self._responses, RunResult())
            answer = self._responses.pop(request_id).backend_operation_response
            if answer.error_msg:
                raise ClientError(f"download {item.label}: {answer.error_msg}")
            url = answer.deferred_file.url
        return await self.browser.get(url)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def _rerun(self, fragment_id: str) -> RunResult:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_script_hash
        state.page_name = "" if self.page_script_hash else self.page_name
        state.fragment_id = fragment_id
        state.widget_states.widgets.extend(self.widget_states.values())
        state.cached_message_hashes.extend(self.cache)
        self._finished = False
        await self.ws.send(message.SerializeToString())
        return await self._read_until(lambda: self._finished, RunResult())

    async def _read_until(self, done, result: RunResult) -> RunResult:
        try:
            while not done():
                data = await asyncio.wait_for(self.ws.recv(), self.browser.timeout)
                result.messages += 1
                result.bytes += len(data)
                message = ForwardMsg()
                message.ParseFromString(data)
                self._handle(message, result)
        except TimeoutError as error:
            raise ClientError(f"no script_finished within {self.browser.timeout:g} s") from error
        except WebSocketException as error:
            raise ClientError(f"WebSocket closed: {type(error).__name__}: {error}") from error
        return result

    def _handle(self, message: ForwardMsg, result: RunResult) -> None:
        kind = message.WhichOneof("type")
        if kind == "ref_hash":
            cached = self.cache.get(message.ref_hash)
            if cached is None:
                raise ClientError(f"ref_hash {message.ref_hash} not in the client's cache")
            result.cache_refs += 1
            message, kind = cached, cached.WhichOneof("type")
        elif message.metadata.cacheable:
            self.cache[message.hash] = message
        if kind == "new_session":
            self.page_script_hash = message.new_session.page_script_hash
            if message.new_session.HasField("initialize"):
                self.session_id = message.new_session.initialize.session_id
        elif kind == "navigation":  # st.navigation apps name the page that ran here; a full rerun must send it
            self.page_script_hash = message.navigation.page_script_hash or self.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
            result.query_changes.append(self.query_string)
        elif kind == "delta":
            self._delta(message.delta, result)
        elif kind == "backend_operation_response":
            self._responses[message.backend_operation_response.request_id] = message
        elif kind == "script_finished":
            if message.script_finished == FINISHED_WITH_COMPILE_ERROR:
                raise ClientError("script finished with a compile error")
            if message.script_finished != FINISHED_EARLY_FOR_RERUN:
                self._finished = True

    def _delta(self, delta, result: RunResult) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind is None:
            return
        proto = getattr(element, kind)
        if kind == "exception":
            result.exceptions.append(f"{proto.type}: {proto.message}")
        if kind == "download_button":
            self.downloads[proto.label] = Download(proto.label, proto.deferred_file_id, proto.url)
        elif kind in WIDGET_TYPES:
            self.widgets[proto.label] = Widget(kind, proto.id, proto.label, delta.fragment_id, proto)
        if kind in ("plotly_chart", "vega_lite_chart"):
            result.chart_specs.append(proto.spec)
        if kind not in DATA_ELEMENTS:
            _collect_strings(proto, result.strings)
