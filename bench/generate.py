#!/usr/bin/env python3
"""Writes Accord's standard benchmark workload as CSV files, deterministically (same seed, same bytes).

Full size: 20,000 partners, 10,000,000 sales lines over two years, 1,000,000 activity records.
    python3 bench/generate.py OUT_DIR [--scale 0.01] [--seed 7]
--scale multiplies every count (0.01 → 200 partners, 100,000 sales lines, 10,000 activities).
Files: roster.csv (accord import partners), sales.csv, activities.csv (accord import sales|activities).
"""
import argparse
import datetime
import os
import random

END = datetime.date(2026, 11, 22)  # the last day with data; two years back from here
DAYS = 730
REGIONS = ["EMEA", "NA", "APAC", "LATAM"]
MODELS = ["reseller", "consulting_house", "solution_provider", "msp", "distributor", "other"]
SOLUTIONS = ["Firewall", "Endpoint", "Cloud Backup", "SIEM", "Identity", "Email Security"]
CAMS = [f"CAM {i:02d}" for i in range(40)]
CHECKLIST = ["partner_agreement_signed", "portal_access", "sales_training", "presales_training", "first_certification",
             "demo_environment", "joint_marketing_plan", "first_deal_registered"]
ACTIVITY_MIX = [  # metric, weight, value range (None: one unit), subject kind
    ("deal_registrations", 40, None, ""),
    ("marketing_campaigns", 10, None, ""),
    ("certifications_earned", 15, None, ""),
    ("customer_satisfaction", 20, (50, 100), ""),
    ("certified_engineers", 10, (0, 40), ""),
    ("enablement_checklist", 5, None, "checklist"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    partners = max(2, int(20_000 * args.scale))
    sales = max(1, int(10_000_000 * args.scale))
    activities = max(1, int(1_000_000 * args.scale))
    rng = random.Random(args.seed)
    days = [(END - datetime.timedelta(days=d)).isoformat() for d in range(DAYS)]
    # Bigger partners sell more: a skewed weight per partner, fixed by the seed.
    weights = [rng.paretovariate(1.3) for _ in range(partners)]
    keys = [f"P{n:06d}" for n in range(partners)]

    with open(os.path.join(args.out, "roster.csv"), "w", newline="") as f:
        f.write("partner_key,name,business_model,region,channel_manager,fiscal_start_month,stage,"
                "company_revenue,vendor_revenue_ttm,engineers,certified_engineers\n")
        for n, key in enumerate(keys):
            engineers = rng.randint(2, 60)
            company = rng.randint(1_000_000, 200_000_000)
            f.write(f"{key},Partner {n},{MODELS[n % len(MODELS)]},{REGIONS[n % len(REGIONS)]},{CAMS[n % len(CAMS)]},"
                    f"{(n % 12) + 1},{'established' if n % 5 else 'developing'},{company},{company // 20},"
                    f"{engineers},{rng.randint(0, engineers)}\n")

    chosen = rng.choices(range(partners), weights=weights, k=sales)
    with open(os.path.join(args.out, "sales.csv"), "w", newline="", buffering=1 << 20) as f:
        f.write("transaction_id,partner_key,date,amount,currency,customer,solution,region\n")
        lines = []
        for i, p in enumerate(chosen):
            cents = int(rng.lognormvariate(9.5, 1.1))
            lines.append(f"S{i:09d},{keys[p]},{days[rng.randrange(DAYS)]},{cents // 100}.{cents % 100:02d},USD,"
                         f"C{p}-{rng.randrange(60)},{SOLUTIONS[rng.randrange(6)]},{REGIONS[p % 4]}\n")
            if len(lines) == 100_000:
                f.write("".join(lines))
                lines.clear()
        f.write("".join(lines))

    mix_weights = [m[1] for m in ACTIVITY_MIX]
    with open(os.path.join(args.out, "activities.csv"), "w", newline="", buffering=1 << 20) as f:
        f.write("activity_id,partner_key,date,metric,value,subject\n")
        lines = []
        for i in range(activities):
            p = rng.randrange(partners)
            metric, _, span, subject_kind = rng.choices(ACTIVITY_MIX, weights=mix_weights)[0]
            value = "" if span is None else str(rng.randint(*span) / 10 if metric == "customer_satisfaction" else rng.randint(*span))
            subject = CHECKLIST[rng.randrange(len(CHECKLIST))] if subject_kind == "checklist" else ""
            lines.append(f"A{i:08d},{keys[p]},{days[rng.randrange(DAYS)]},{metric},{value},{subject}\n")
            if len(lines) == 100_000:
                f.write("".join(lines))
                lines.clear()
        f.write("".join(lines))
    print(f"{args.out}: {partners} partners, {sales} sales lines, {activities} activity records")


if __name__ == "__main__":
    main()
