"""Put-away rules: the ordered sort keys of an account's put-away (`putaway_choice` applies
them). Each account's rules form one list (`positions`): a rule is made at its `position` (last
when left out), moved by one, and the rules after a deleted one move up. The account cannot
change. Services never commit."""

from __future__ import annotations

from clarus.core import crud
from clarus.masterdata.tables import accounts
from clarus.stockcontrol import positions
from clarus.stockcontrol.tables import putaway_rules

PUTAWAY_RULES = crud.RecordKind(
    putaway_rules,
    event_name="putaway_rule",
    unique_code=False,
    references={"account_id": accounts},
)
PUTAWAY_RULE_LIST = positions.OrderedKind(PUTAWAY_RULES, list_column="account_id", owner=accounts)
PUTAWAY_RULE_WRITES = positions.ordered_writes(PUTAWAY_RULE_LIST, fixed=("account_id",))
