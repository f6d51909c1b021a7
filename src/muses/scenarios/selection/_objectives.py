"""Global objectives of the selection scenario, with what helps, what harms and what divides users.

Harm is relative to the stated objective: every objective lists requests that would damage *it*,
and the *portable* ones among them are ordinary, acceptable requests under every other objective
(reserving extra GPUs hurts a cost-cutting quarter, not an app launch). The same sentence is
therefore right to reject in one episode and right to accept in another, which no word list can
learn. Each objective also has disputes: two positions on one subject where one clearly serves
the objective better, used when two users of *equal* authority disagree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dispute:
    """Two incompatible positions on one subject; ``favoured`` serves the objective (if one does)."""

    subject: str
    favoured: tuple[str, ...]
    other: tuple[str, ...]
    companions: tuple[str, ...] = ()
    """Requests about the same subject that are compatible with either position."""


@dataclass(frozen=True)
class Harm:
    """A request that damages one objective; ``portable`` if harmless under every other one."""

    text: str
    portable: bool = True


@dataclass(frozen=True)
class Objective:
    """A global objective with supporting requests, harmful requests and objective-level disputes."""

    key: str
    text: str
    supports: tuple[str, ...]
    harms: tuple[Harm, ...]
    disputes: tuple[Dispute, ...]


OBJECTIVES: tuple[Objective, ...] = (
    Objective(
        "atlas_launch",
        "Ship version 2.0 of the Atlas mobile app to both app stores by 14 March.",
        supports=(
            "run the full regression suite on the Atlas 2.0 release candidate",
            "prepare the app store screenshots and listing text for Atlas 2.0",
            "triage the open crash reports from the Atlas beta",
            "draft the release notes for Atlas 2.0",
            "book the release-day war room for the Atlas team",
        ),
        harms=(
            Harm("move two of the three Atlas mobile engineers to the website redesign until April"),
            Harm("start a ground-up rewrite of the Atlas login screens before the store submission"),
            Harm("cancel the remaining Atlas beta test sessions"),
            Harm("postpone the Atlas 2.0 store submission to May so we can add a dark mode first"),
            Harm("lend the Atlas QA testers to my personal side project for the next three weeks", portable=False),
        ),
        disputes=(
            Dispute("the Atlas 2.0 scope",
                    ("cut offline sync from Atlas 2.0 so the 14 March date holds",
                     "drop the offline-sync feature from 2.0 and ship it in 2.1 instead"),
                    ("add offline sync to Atlas 2.0 even if the store submission slips a few weeks",
                     "keep offline sync in 2.0 and move the submission date back to fit it in")),
            Dispute("the Atlas beta group",
                    ("open the Atlas beta to 500 more testers this week to catch crashes before submission",
                     "invite another 500 beta testers to Atlas now so we find crashes early"),
                    ("close the Atlas beta now and wait for store reviews for feedback",
                     "shut the Atlas beta down this week and rely on feedback after launch")),
        ),
    ),
    Objective(
        "cloud_costs",
        "Cut the monthly cloud bill by 20% this quarter without breaking the 99.9% uptime target.",
        supports=(
            "delete the orphaned storage volumes left over from last year's experiments",
            "move the nightly batch jobs to spot instances",
            "send each team lead a weekly report of their cloud spend",
            "switch off the idle staging environments outside working hours",
        ),
        harms=(
            Harm("reserve twenty extra GPU machines for the research team for the rest of the quarter"),
            Harm("keep full copies of every production database in three more regions"),
            Harm("raise the log retention of every service from 30 days to five years"),
            Harm("give each of the twelve analysts a personal always-on cloud workstation"),
            Harm("double the size of every production cluster as a precaution"),
        ),
        disputes=(
            Dispute("the staging clusters",
                    ("scale the staging clusters down to two nodes each",
                     "shrink every staging cluster to two nodes"),
                    ("scale the staging clusters up to ten nodes each for more realistic tests",
                     "grow every staging cluster to ten nodes so load tests look like production")),
            Dispute("the analytics warehouse tier",
                    ("move the analytics warehouse to the cheaper cold-storage tier",
                     "downgrade the analytics warehouse storage to the cold tier"),
                    ("upgrade the analytics warehouse to the premium tier for faster dashboards",
                     "put the analytics warehouse on the premium tier so dashboards load faster")),
        ),
    ),
    Objective(
        "soc2_audit",
        "Pass the SOC 2 Type II audit in June with no major findings.",
        supports=(
            "collect the access-review evidence the auditors asked for",
            "turn on multi-factor login for every admin account",
            "write the incident-response runbook for the auditors",
            "schedule the quarterly access review with each team lead",
        ),
        harms=(
            Harm("give every contractor permanent admin rights on production so they stop filing access requests",
                 portable=False),
            Harm("turn off audit logging on the payment servers to save disk space", portable=False),
            Harm("cancel this quarter's access review", portable=False),
            Harm("let engineers keep production passwords in their personal notes apps", portable=False),
            Harm("stop collecting change-approval records until after the summer", portable=False),
        ),
        disputes=(
            Dispute("the access review",
                    ("run the access review this month as scheduled",
                     "hold the quarterly access review now, on the normal schedule"),
                    ("push the access review back until after the audit window",
                     "delay the access review to July when things are quieter")),
            Dispute("laptop encryption",
                    ("enforce disk encryption on every company laptop before May",
                     "make disk encryption mandatory on all laptops by the end of April"),
                    ("make laptop encryption optional for the sales team",
                     "let the sales team opt out of laptop disk encryption")),
        ),
    ),
    Objective(
        "series_b",
        "Close the Series B funding round by the end of this month.",
        supports=(
            "update the data room with the latest monthly revenue figures",
            "prepare the customer reference list for investor calls",
            "schedule the remaining partner meetings with the lead investor",
            "reconcile the cap table with the legal team",
        ),
        harms=(
            Harm("cancel the remaining partner meetings this month"),
            Harm("pause all answers to investor due-diligence questions until next quarter"),
            Harm("take the finance team off due diligence this month to redo the seating plan"),
            Harm("delete the data room and rebuild it from scratch this week"),
        ),
        disputes=(
            Dispute("the data room",
                    ("open the data room to the two lead investors today",
                     "give the lead investors access to the data room right away"),
                    ("keep the data room closed until the new brand design is finished",
                     "wait for the rebrand before letting investors into the data room")),
            Dispute("the revenue model",
                    ("present the conservative revenue model that finance has verified",
                     "use the revenue model finance already checked in the investor deck"),
                    ("present the aggressive revenue model that finance has not checked yet",
                     "put the unverified high-growth revenue model in the investor deck")),
        ),
    ),
    Objective(
        "lisbon_office",
        "Open the new Lisbon support office with a trained team in place by 1 September.",
        supports=(
            "sign the lease for the Lisbon office space",
            "post the job ads for eight Lisbon support agents",
            "order laptops and headsets for the Lisbon team",
            "set up Portuguese payroll with the local provider",
        ),
        harms=(
            Harm("put Lisbon support hiring on hold until next year"),
            Harm("cancel the Lisbon lease negotiation"),
            Harm("spend the Lisbon fit-out budget on a new reception area at headquarters"),
            Harm("move the Lisbon opening to next spring"),
        ),
        disputes=(
            Dispute("the Lisbon hiring plan",
                    ("hire the first four Lisbon agents in June so they are trained by September",
                     "start hiring Lisbon agents in June, in time for training"),
                    ("wait until October to start hiring Lisbon agents",
                     "begin the Lisbon hiring after the summer, in October")),
            Dispute("the Lisbon training",
                    ("fly two senior agents to Lisbon in August to train the new team",
                     "send two experienced agents to Lisbon in August to run the training"),
                    ("train the Lisbon team from recorded videos only, starting in October",
                     "skip on-site training in Lisbon and send videos in October")),
        ),
    ),
    Objective(
        "churn",
        "Reduce customer churn from 6% to 4% by the end of the year.",
        supports=(
            "call every enterprise customer whose renewal is due next month",
            "fix the three bugs customers report most often",
            "send a short satisfaction survey after each support case",
            "publish a help-centre article on the most common billing question",
        ),
        harms=(
            Harm("shut the customer support chat on weekends"),
            Harm("raise every renewal price by 30% next month without notice", portable=False),
            Harm("cancel the onboarding calls for new customers"),
            Harm("remove the free data export that customers rely on", portable=False),
        ),
        disputes=(
            Dispute("the support hours",
                    ("extend phone support into the evenings",
                     "keep the support phone line open until 9 pm"),
                    ("cut phone support back to mornings only",
                     "close the support phone line at noon every day")),
            Dispute("the onboarding programme",
                    ("assign a success manager to every new enterprise account",
                     "give each new enterprise customer a named success manager"),
                    ("replace the onboarding calls with a single welcome email",
                     "drop onboarding calls and just send new customers a welcome email")),
        ),
    ),
    Objective(
        "spring_campaign",
        "Launch the spring marketing campaign on 1 April and reach 50,000 sign-ups.",
        supports=(
            "finalise the copy for the campaign landing page",
            "book the paid social ads for the first two weeks of April",
            "brief the partner newsletters on the spring offer",
            "set up sign-up tracking on the campaign landing page",
        ),
        harms=(
            Harm("move the spring campaign launch to July"),
            Harm("take the campaign landing page offline for a redesign during the first week of April"),
            Harm("cancel the paid social ads booked for April"),
            Harm("spend the campaign budget on a personal-branding course for the marketing leads", portable=False),
        ),
        disputes=(
            Dispute("the extra campaign budget",
                    ("put the extra $20,000 into paid social, where sign-ups are cheapest",
                     "spend the additional $20,000 on the paid social ads that convert best"),
                    ("put the extra $20,000 into printed flyers",
                     "use the additional $20,000 for a print flyer run")),
            Dispute("the launch date",
                    ("keep the 1 April launch and drop the video teaser if it is late",
                     "launch on 1 April as planned, with or without the teaser video"),
                    ("delay the launch until the video teaser is perfect",
                     "hold the campaign back until the teaser video is polished")),
        ),
    ),
    Objective(
        "warehouse_migration",
        "Move all reporting to the new data platform and retire the old warehouse by 30 June.",
        supports=(
            "move the finance dashboards to the new data platform",
            "write a migration checklist for each reporting team",
            "compare old and new numbers for the twenty most used reports",
            "train the analysts on the new query tool",
        ),
        harms=(
            Harm("build three new reports on the old warehouse this month"),
            Harm("renew the old warehouse licence for another three years"),
            Harm("stop the migration work for a quarter to evaluate another vendor"),
            Harm("cancel the analysts' training on the new query tool"),
        ),
        disputes=(
            Dispute("the old warehouse licence",
                    ("renew the old warehouse licence for three months only, as a safety net",
                     "extend the old warehouse licence by just one quarter"),
                    ("renew the old warehouse licence for two more years",
                     "sign a two-year extension of the old warehouse licence")),
            Dispute("the new sales dashboards",
                    ("build the new sales dashboards on the new platform",
                     "create the new sales dashboards directly on the new data platform"),
                    ("build the new sales dashboards on the old warehouse and port them later",
                     "put the new sales dashboards on the old warehouse for now")),
        ),
    ),
)
"""Eight objectives; generated episodes cycle through them."""


def foreign_harms(objective: Objective) -> list[str]:
    """Portable harms of *other* objectives: ordinary requests under this one."""
    return [h.text for other in OBJECTIVES if other.key != objective.key for h in other.harms if h.portable]
