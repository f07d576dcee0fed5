"""The smallest reminder.yaml the command-line tests write beside their plans: one Kyiv
deployment whose secretariat is `sec`. Tests add their own keys after it."""

REMINDER = """\
timezone: Europe/Kyiv
country: UA
state_dir: state
directory: executors.yaml
plans: [plans/*.yaml]
secretariat: sec
"""
