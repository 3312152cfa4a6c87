"""The runner: one step at a time, with its question, a place to capture, and the big timer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, Static, TextArea

from samenslim import messages
from samenslim.browser import BrowserKeys
from samenslim.domain.room_view import agenda_line, chosen_card
from samenslim.domain.schedule import schedule
from samenslim.domain.session import Sessie, StapRun, now, retheme
from samenslim.domain.soorten import kind_of
from samenslim.domain.timer import Timer
from samenslim.werkvormen import StepContext, StepView, view_for
from samenslim.widgets.presentation import PresentationView
from samenslim.widgets.side_info import side_info
from samenslim.widgets.timer_display import TimerDisplay

if TYPE_CHECKING:
    from samenslim.second_screen import SecondScreen
    from samenslim.services import Services


class RunnerScreen(BrowserKeys, Screen):
    HULP = """Sessie
    Eén stap tegelijk: de vraag, een plek om vast te leggen wat er gezegd wordt, en de timer.
    Alles wordt meteen bewaard. Op de laatste stap rond je met Stap ▶ de
    sessie af; Beamer toont alleen de vraag en de tijd, groot genoeg voor achter in de zaal.
    F7 opent een tweede scherm: een pagina in de browser voor de beamer, terwijl deze sessie op de laptop blijft."""
    # Footer order is importance order: at 60 columns the hints on the right are the ones cut.
    # F5 and F6 are priority bindings so they also work while a notes field has the keyboard.
    BINDINGS = [
        Binding("ctrl+t", "toggle_timer", "Timer", tooltip="Timer starten of pauzeren"),
        Binding("f8", "browser('toggle_timer')", "Timer", tooltip="Timer starten of pauzeren"),
        Binding("ctrl+n", "next_step", "Stap ▶", tooltip="Volgende stap"),
        Binding("f9", "browser('next_step')", "Stap ▶", tooltip="Volgende stap"),
        Binding("f5", "toggle_presentation", "Beamer", priority=True,
                tooltip="Presentatie: alleen de vraag, de tijd en wie aan het woord is (F5 terug)"),
        Binding("ctrl+s", "reference_cards", "Spiek", tooltip="Spiekbriefjes: communicatiepiramide, "
                "patroondoorbrekers, 5V-cyclus ... (de timer loopt door)"),
        Binding("ctrl+b", "previous_step", "◀ Stap", tooltip="Vorige stap"),
        Binding("ctrl+l", "extend(60)", "+1m", tooltip="Een minuut erbij"),
        Binding("ctrl+g", "extend(-60)", "-1m", tooltip="Een minuut eraf"),
        Binding("f6", "screenshot", "Foto", priority=True,
                tooltip="Schermafdruk (SVG) in de map schermafdrukken, voor het verslag"),
        Binding("f7", "second_screen", "Tweede scherm", priority=True, show=False,
                tooltip="Een pagina voor de beamer in de browser (alleen op deze computer); de sessie blijft hier"),
        Binding("escape", "leave", "Verlaten",
                tooltip="De sessie verlaten; ze blijft bewaard als niet afgerond en kan later verder"),
    ]
    # In a browser tab ctrl+t and ctrl+n open a tab or window: under serve the footer shows F8 and F9
    # for them instead, and the terminal's footer stays as it was (F8 and F9 do nothing there).
    BROWSER_KEYS = {"toggle_timer": "f8", "next_step": "f9"}
    # A running timer is written to the file at least this often, so a crash loses only seconds.
    TIMER_SAVE_SECONDS = 5
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (56, "-narrow"), (90, "-wide")]
    # The beamer view (F5) is shown: state that flows down to the presentation and the timers (watch_presenting).
    presenting: var[bool] = var(False, init=False)
    # The current step's timer; the side display is bound to it (data_bind), the presentation's gets it in watch_timer.
    timer: var[Timer] = var(lambda: Timer(None), init=False, always_update=True)
    DEFAULT_CSS = """
    RunnerScreen { layers: base presentatie; overflow: hidden; }
    RunnerScreen #schedule { color: $text-muted; text-style: italic; }
    RunnerScreen #step-pane { width: 1fr; padding: 0 1; }
    RunnerScreen #step-explain { margin-top: 1; }
    RunnerScreen #step-questions { margin-top: 1; color: $text; padding: 0 1; border-left: thick $accent; height: auto; }
    RunnerScreen #capture-area { height: auto; }

    /* Narrow (zoomed, small) first, timer on top: the breakpoint class comes only after the first layout,
       and wide-first squeezed the step pane to nothing at 40 columns (a zero-width OptionList crashed). */
    RunnerScreen #runner-body { height: 1fr; layout: vertical; }
    RunnerScreen #side { width: 100%; height: auto; padding: 0 1; layout: horizontal; align-horizontal: left; }
    RunnerScreen #side-text { margin-left: 2; width: 1fr; height: 4; }
    RunnerScreen #side-info { margin-top: 0; height: 3; color: $text-muted; }
    RunnerScreen #step-title { color: $accent; text-style: bold; padding-top: 0; }
    RunnerScreen StapelView OptionList { max-height: 6; }

    /* Wide: the timer and schedule in a column beside the step. */
    RunnerScreen.-wide #runner-body { layout: horizontal; }
    RunnerScreen.-wide #side { width: 32; layout: vertical; align-horizontal: center; }
    RunnerScreen.-wide #side-text { margin-left: 0; height: auto; }
    RunnerScreen.-wide #side-info { margin-top: 1; height: auto; }
    RunnerScreen.-wide #step-title { padding-top: 1; }
    RunnerScreen.-wide StapelView OptionList { max-height: 12; }

    /* The circles' list and drawing side by side only on a wide runner (narrow first, as above). */
    RunnerScreen #circles-body { height: auto; }
    RunnerScreen.-wide #circles-body { layout: horizontal; }
    RunnerScreen.-wide #circles-body #drawing { margin-left: 1; }

    /* Tiny (~40 columns): the timer's words under the digits, no people/agenda panel (the title bar has it). */
    RunnerScreen.-tiny #timer #timer-status { width: 16; }
    RunnerScreen.-tiny #side { padding: 0; }
    RunnerScreen.-tiny #side-text { margin-left: 1; height: auto; max-height: 4; }
    RunnerScreen.-tiny #side-info { display: none; }
    """

    def __init__(self, session: Sessie, services: Services) -> None:
        super().__init__()
        self.session = session
        self.services = services  # the store, content, settings and clocks, handed down by the app
        self.clock = services.clock
        self.wallclock = services.wallclock
        self.rng = services.rng
        self.set_reactive(RunnerScreen.timer, Timer(None, clock=self.clock))
        self._bell_rung = False
        self._entering = False
        self._blinking: list[Input | TextArea] = []  # fields whose cursor stops blinking under the beamer
        self.second_screen: SecondScreen | None = None  # F7: the page for the projector, once started

    # -- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        with Horizontal(id="runner-body"):
            with Vertical(id="side"):
                yield TimerDisplay(self.timer, id="timer").data_bind(RunnerScreen.timer)
                with Vertical(id="side-text"):
                    yield Static("", id="schedule")
                    yield Static("", id="side-info")
            with VerticalScroll(id="step-pane"):
                yield Static("", id="step-title")
                yield Static("", id="step-explain")
                yield Static("", id="step-questions")
                yield Vertical(id="capture-area")
        yield Footer(compact=True, show_command_palette=False)
        yield PresentationView(self.timer, id="presentation")

    async def on_mount(self) -> None:
        # Ticks come from the visible timer display each second (TimerDisplay.Second, below); while
        # paused only the schedule's end time moves on, by the minute: a slow interval does that.
        self.set_interval(15, self.tick)
        await self.enter_step()

    def on_timer_display_second(self, event: TimerDisplay.Second) -> None:
        self.tick()

    def watch_timer(self, timer: Timer) -> None:
        self.query_one(PresentationView).timer_display.use_timer(timer)

    @property
    def step(self) -> StapRun:
        return self.session.current_step

    def context(self) -> StepContext:
        run = self.session.current_werkvorm
        return StepContext(participants=list(self.session.deelnemers), roles=dict(run.rollen),
                           solo=self.session.modus == "solo", rng=self.rng,
                           earlier=run.stappen[: self.session.positie.stap], elapsed=lambda: self.timer.elapsed(),
                           running=lambda: self.timer.running)

    async def enter_step(self) -> None:
        self._entering = True
        try:
            await self._enter_step()
        finally:
            self._entering = False
        self.sync_timer()
        self.save()

    async def _enter_step(self) -> None:
        step = self.step
        first_time = step.gestart is None
        if first_time:
            step.gestart = now()
        self.timer = Timer(step.geplande_seconden, clock=self.clock, used_seconds=step.gebruikte_seconden,
                           extra_seconds=step.extra_seconden)
        if first_time and step.geplande_seconden and self.services.timer_starts_by_itself:
            self.timer.start()  # facilitators forget ctrl+t, and the schedule then drifts quietly
        self._bell_rung = self.timer.overtime
        self.show_texts()
        area = self.query_one("#capture-area", Vertical)
        await area.remove_children()
        view = view_for(step, self.context())
        await area.mount(view)
        self.query_one("#step-pane", VerticalScroll).scroll_home(animate=False)
        view.focus_capture()

    def show_texts(self) -> None:
        session, step, run = self.session, self.step, self.session.current_werkvorm
        named = f" · {session.titel}" if session.titel != run.titel else ""
        agenda = f" · agenda {session.positie.werkvorm + 1}/{len(session.werkvormen)}" if len(session.werkvormen) > 1 else ""
        self.query_one("#title-bar", Static).update(
            f"{run.titel} · stap {session.positie.stap + 1} van {len(run.stappen)}{agenda}{named}")
        kind = kind_of(step)
        kind_name = kind.NAAM if kind else step.soort
        title = Content.assemble((step.titel, "bold"), ("" if kind_name == step.titel else f"\u00a0\u00a0({kind_name})", "dim"))
        self.query_one("#step-title", Static).update(title)
        self.query_one("#step-explain", Static).update(step.uitleg.strip())
        questions = Text()
        card = chosen_card(self.session) if kind is None or kind.shows_carried_card else None
        if card:
            questions.append(f"» {card}\n", style="bold")
        for question in step.vragen:
            questions.append(f"• {question}\n", style="bold")
        questions.rstrip()
        self.query_one("#step-questions", Static).update(questions)
        self.query_one("#step-questions", Static).display = bool(questions.plain)
        self.query_one("#side-info", Static).update(side_info(self.session, self.second_screen.url if self.second_screen else None))
        where = f"{run.titel} · {step.titel}"
        self.query_one(PresentationView).show_step(where, ([card] if card else [])
                                                   + list(step.vragen) or [step.titel], agenda_line(self.session))

    def help_extra(self) -> list[tuple[str, list[str]]]:
        """For the help screen (F1): this step's explanation and the werkvorm's tips for the begeleider."""
        from samenslim.screens.help import step_help

        return step_help(self.session, self.services.library)

    # -- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        self.session.bijgewerkt = now()
        self.services.autosave(self.session)

    def on_timer_display_time_up(self, event: TimerDisplay.TimeUp) -> None:
        if self._bell_rung:
            return
        self._bell_rung = True
        settings = self.services.settings
        if settings is not None and settings.bel:
            self.app.bell()

    def on_step_view_changed(self, event: StepView.Changed) -> None:
        self.show_speaker()
        self.save()
        self.push_room_view()

    # -- the clock around the step ------------------------------------------------------------
    def sync_timer(self) -> None:
        """After the timer starts, pauses or changes: redraw it and everything that follows from it."""
        for display in self.query(TimerDisplay):
            display.sync()
        self.tick()

    def tick(self) -> None:
        if self._entering:
            return  # the step view is being replaced; the end of enter_step ticks again
        self.push_room_view()
        self.show_speaker()
        self.save_running_timer()
        if self.presenting:
            return  # the runner underneath is covered: it catches up when F5 returns to it
        line = self.schedule_line()
        widget = self.query_one("#schedule", Static)
        if str(widget.render()) != line:
            widget.update(line)
        for view in self.query(StepView):
            view.tick()

    def save_running_timer(self) -> None:
        """While the timer runs, the time used is saved every few seconds, not only at a pause."""
        if self.timer.running and self.timer.elapsed() - self.step.gebruikte_seconden >= self.TIMER_SAVE_SECONDS:
            self.step.gebruikte_seconden = round(self.timer.elapsed(), 3)
            self.save()

    def schedule_line(self) -> str:
        timer = self.timer
        current = schedule(self.session, timer.elapsed(), timer.total_seconds if timer.has_limit else None,
                           self.wallclock())
        return current.line()

    def show_speaker(self) -> None:
        if not self.presenting:
            return
        views = self.query(StepView)
        view = views.first() if views else None
        self.query_one(PresentationView).show_speaker(view.speaker_line() if view else None,
                                                      view.next_speaker_line() if view else None)

    def on_step_view_theme_changed(self, event: StepView.ThemeChanged) -> None:
        # The group's new theme fills the steps still to come (and is kept for its later sessions).
        retheme(self.session, event.theme, self.services.library.werkvormen, self.services.library.stapels)
        self.query_one("#side-info", Static).update(side_info(self.session, self.second_screen.url if self.second_screen else None))
        self.save()

    def bank_time(self, finished: bool) -> None:
        self.timer.pause()
        self.step.bank(self.timer.elapsed(), self.timer.extra_seconds, finished)

    # -- actions ----------------------------------------------------------------------------
    def action_toggle_timer(self) -> None:
        self.timer.toggle()
        self.sync_timer()
        self.step.gebruikte_seconden = round(self.timer.elapsed(), 3)
        self.save()

    def action_extend(self, seconds: int) -> None:
        if not self.timer.extend(seconds):
            self.notify("Deze stap heeft geen vaste tijd; de klok telt op.", timeout=3)
            return
        self.step.extra_seconden = self.timer.extra_seconds
        self.sync_timer()
        self.save()

    def action_toggle_presentation(self) -> None:
        self.presenting = not self.presenting

    def watch_presenting(self, presenting: bool) -> None:
        presentation = self.query_one(PresentationView)
        presentation.set_class(presenting, "-on")
        self.query_one("#timer", TimerDisplay).set_active(not presenting)
        presentation.timer_display.set_active(presenting)  # only the display that can be seen ticks
        # The capture field keeps the keyboard under the view; its unseen blinking cursor redrew the whole stack.
        if presenting:
            self._blinking = [f for f in self.query("Input, TextArea") if isinstance(f, Input | TextArea) and f.cursor_blink]
        for field in self._blinking:
            field.cursor_blink = not presenting
        self.tick()

    # -- the second screen (F7): a page served from its own thread; it only ever gets RoomViews, what
    # the room may see (never the notes), from tick() and after each change; an unchanged one is not sent.

    def action_second_screen(self) -> None:
        from samenslim import second_screen

        if self.second_screen is None:
            server = second_screen.SecondScreen()
            try:
                url = server.start()
            except OSError as error:
                from samenslim.domain.oserrors import describe_os_error

                return self.notify(f"Het tweede scherm kon niet starten: {describe_os_error(error)}",
                                   severity="error", title="Tweede scherm", timeout=10)
            self.second_screen = server
            self.push_room_view()
            self.query_one("#side-info", Static).update(side_info(self.session, self.second_screen.url if self.second_screen else None))
            opened = not self.app.is_headless and second_screen.open_in_browser(url)
        else:
            url, opened = self.second_screen.url, False
        self.notify(second_screen.notice(url, opened), title="Tweede scherm", timeout=20, markup=False)

    def push_room_view(self) -> None:
        """Give the second screen what the room sees now (it sends only what changed)."""
        if self.second_screen is not None and not self._entering:
            from samenslim.domain.room_view import room_view

            self.second_screen.publish(room_view(self.session, self.timer, self.speaker_line()))

    def speaker_line(self) -> str | None:
        area = self.query_one("#capture-area", Vertical)  # by id: cheaper than a query by type, once a second
        view = area.children[0] if area.children else None
        return view.speaker_line() if isinstance(view, StepView) else None

    def on_unmount(self) -> None:
        if self.second_screen is not None:  # it stops with the session (and with the app)
            self.second_screen.stop()
            self.second_screen = None

    def action_screenshot(self) -> None:
        from samenslim.screenshot import take_screenshot

        try:
            path, sent = take_screenshot(self.app, self.services.locations, self.session, self.wallclock())
        except OSError as error:
            from samenslim.domain.oserrors import describe_os_error

            self.notify(f"De schermafdruk kon niet worden bewaard in {self.services.locations.screenshots_dir}: "
                        f"{describe_os_error(error)}", severity="error", title="Schermafdruk", timeout=8)
            return
        self.notify(f"Bewaard: {path}" + ("; de browser downloadt haar ook" if sent else ""),
                    title="Schermafdruk", timeout=6)

    async def action_next_step(self) -> None:
        if self.session.is_last_step():
            still_open = [item for view in self.query(StepView) for item in view.open_work()]
            if not still_open:
                self.finish()
                return
            from samenslim.screens.confirm import ConfirmScreen

            text = "Nog open in deze stap:\n" + "\n".join(f"• {item}" for item in still_open) + (
                "\n\nAfronden kan toch: alles blijft bewaard, en een afgeronde sessie kun je later heropenen.")
            self.app.push_screen(ConfirmScreen("Sessie afronden?", text, yes="Afronden"),
                                 lambda yes: self.finish() if yes else None)
            return
        self.bank_time(finished=True)
        self.session.move(1)
        await self.enter_step()

    def finish(self) -> None:
        self.bank_time(finished=True)
        self.session.status = "afgerond"
        self.save()
        self.post_message(messages.SessionFinished(self.session))

    async def action_previous_step(self) -> None:
        if self.session.step_number() == 1:
            self.notify("Dit is de eerste stap.", timeout=2)
            return
        self.bank_time(finished=False)
        self.session.move(-1)
        await self.enter_step()

    def action_reference_cards(self) -> None:
        from samenslim.screens.reference import ReferenceScreen

        decks = self.services.library.spiekbriefjes()
        if not decks:
            self.notify("Er zijn geen spiekbriefjes geladen.", timeout=3)
            return
        # The step's own deck first; else the werkzame principes of the werkvorm's chapter.
        chapter = self.services.library.chapter_decks(self.session.current_werkvorm.hoofdstuk)
        start = self.step.spiekbriefje or (chapter[0].id if chapter else None)
        self.app.push_screen(ReferenceScreen(decks, start=start))

    def action_leave(self) -> None:
        if self.presenting:
            self.action_toggle_presentation()  # Esc first leaves the beamer view, as a full-screen view does
            return
        from samenslim.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(
            "Sessie verlaten?",
            f"'{self.session.titel}' blijft bewaard als niet afgerond, met alles wat er getypt is en de tijd "
            "tot nu toe. Verder gaan kan later via Eerdere sessies of bij de volgende start.",
            yes="Verlaten"), self._leave_answered)

    def _leave_answered(self, yes: bool | None) -> None:
        if yes and self.leave():
            self.post_message(messages.ShowLibrary())

    def leave(self) -> bool:
        """Bank the time, save and let go of the session (the caller goes back to the library);
        False if saving hangs."""
        if self.let_go():
            self.notify(f"'{self.session.titel}' is bewaard en kan later verder.", title="Sessie verlaten", timeout=5)
            return True
        return False

    def let_go(self) -> bool:
        self.bank_time(finished=False)
        self.save()
        if not self.services.close_session(self.session):
            self.notify("Opslaan duurt lang; de sessie blijft open.", severity="warning")
            return False
        return True

    def action_stop(self) -> None:
        if self.let_go():
            self.app.exit()
