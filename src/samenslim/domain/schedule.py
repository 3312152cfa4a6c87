"""The meeting's schedule: when it will end at this pace, and how far ahead or behind the agenda is.

Drift is what the steps did against their planned minutes: a finished step adds the time it ran
over (or, when it ended early or was skipped, the time it saved). A step not finished (the current
one, or one left with "back") only adds time once it is past its plan, because until it ends nobody
knows whether it will end early; what is left of its plan is still to come. Steps without a set
time are neutral: there was no plan to be ahead of or behind. Extensions (+1 min) count as running
over, since the agenda did not plan them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from samenslim.domain.session import Sessie

ON_TIME_MARGIN = 30  # seconds either way that still count as "op schema"


@dataclass(frozen=True)
class Schedule:
    drift_seconds: float  # > 0: behind, < 0: ahead
    expected_end: datetime
    untimed_to_come: int = 0  # unfinished steps without a set time: the end leaves them out
    any_timed: bool = True  # False: no step has a planned time, so there is no end to expect

    def line(self) -> str:
        """The runner's schedule line: how far off the plan, and when it will end at this pace."""
        if not self.any_timed:
            return "geen geplande tijden"
        return f"{self.drift_text()} · {self.end_text()}"

    def drift_text(self) -> str:
        if abs(self.drift_seconds) < ON_TIME_MARGIN:
            return "op schema"
        minutes = max(1, round(abs(self.drift_seconds) / 60))
        return f"{minutes} min {'achter' if self.drift_seconds > 0 else 'voor'}"

    def end_text(self) -> str:
        end = f"klaar ± {self.expected_end:%H:%M}"
        if self.untimed_to_come:
            count = self.untimed_to_come
            end += f" + {count} stap{'pen' if count > 1 else ''} zonder vaste tijd"
        return end


def schedule(session: Sessie, current_elapsed: float, current_total: float | None, now: datetime) -> Schedule:
    """The schedule as it stands now. `current_elapsed` is how long the current step's timer has run
    and `current_total` its planned time plus extensions (None when it has no set time)."""
    flat = [step for run in session.werkvormen for step in run.stappen]
    here = session.step_number() - 1
    drift = still_to_come = 0.0
    untimed = 0
    for index, step in enumerate(flat):
        if step.geplande_seconden is None:
            untimed += step.beeindigd is None or index == here
            continue
        if index == here:
            used, planned = current_elapsed, current_total if current_total is not None else step.geplande_seconden
        else:
            used, planned = step.gebruikte_seconden, step.geplande_seconden + step.extra_seconden
        if step.beeindigd is not None and index != here:
            drift += used - step.geplande_seconden
        else:
            drift += max(0.0, used - step.geplande_seconden)
            still_to_come += max(0.0, planned - used)
    return Schedule(drift_seconds=drift, expected_end=now + timedelta(seconds=still_to_come), untimed_to_come=untimed,
                    any_timed=any(step.geplande_seconden is not None for step in flat))
