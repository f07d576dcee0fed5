"""A small deployment in tmp_path: the Russian roadmap (seed 003's shape) in YAML."""

from __future__ import annotations

from pathlib import Path

REMINDER_YAML = """\
timezone: Europe/Moscow
country: RU
state_dir: state
directory: executors.yaml
plans: [plans/*.yaml]
secretariat: sec
policy:
  send_time: "09:00"
  before: [14, 3, 1]
  overdue_every: 7
  escalate:
    - {after: 5, to: supervisor}
    - {after: 15, to: secretariat}
"""

EXECUTORS_YAML = """\
executors:
  - {id: sec, name: Секретариат, language: ru, email: [sec@example.org]}
  - {id: deputy, name: Заместитель председателя, language: ru, email: [dep@example.org]}
  - id: kok
    name: Комитет общественных коммуникаций Ленинградской области
    language: ru
    email: [kok@example.org]
    supervisor: deputy
  - id: kef
    name: Комитет экономического развития
    language: ru
    email: [kef@example.org]
    supervisor: deputy
  - {id: ngo, name: Ассоциация НКО, language: ru, email: [ngo@example.org], partner: true}
"""

PLAN_YAML = """\
id: roadmap-003
title: Дорожная карта по развитию НКО
period: "2023"
language: ru
country: RU
tasks:
  - id: "1.1"
    title: Мониторинг поддержки СО НКО
    result: Доклад
    deadline: {deadline}
    executors:
      - {{name: Комитет общественных коммуникаций Ленинградской области, role: lead}}
      - {{name: Комитет экономического развития, role: co}}
      - {{name: Ассоциация НКО, role: partner}}
  - id: "1.2"
    title: Обучающие семинары
    deadline: null
    start: 2023-04-01
    due: 2023-09-30
    executors: [Комитет экономического развития]
"""


def make_deployment(tmp: Path, deadline: str = "2 – 3 квартал 2023 года") -> Path:
    """Write the deployment; returns the path of reminder.yaml."""
    (tmp / "plans").mkdir(parents=True, exist_ok=True)
    (tmp / "reminder.yaml").write_text(REMINDER_YAML, encoding="utf-8")
    (tmp / "executors.yaml").write_text(EXECUTORS_YAML, encoding="utf-8")
    (tmp / "plans" / "roadmap.yaml").write_text(PLAN_YAML.format(deadline=deadline),
                                                encoding="utf-8")
    return tmp / "reminder.yaml"
