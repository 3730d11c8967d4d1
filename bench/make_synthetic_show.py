"""Write a synthetic show (N exhibitors, 4 languages, news per language, events) into a folder.

    .venv/bin/python bench/make_synthetic_show.py /tmp/bench-show --exhibitors 1000 --news 50 --events 100 \
        [--languages zh,en,ko,ja,ar] [--clients 1000]

Deterministic (seeded), so that benchmark runs compare like with like. ``ar`` gives a right-to-left
language; ``--clients`` also writes a private client list (CSV) beside the show folder, never inside it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

import yaml

LANGS = ["zh", "en", "ko", "ja"]
BENCH_LANGS = [*LANGS, "ar"]
"""The bench show's languages: the four of the sample show and a right-to-left one."""
COUNTRIES = ["CN", "KR", "JP", "DE", "US", "FR", "IT", "VN", "TH", "NO", "GB", "ES", "IN", "BR", "AE"]
CATEGORIES = {
    "machines": {"zh": "机械设备", "en": "Machinery", "ko": "기계 장비", "ja": "機械設備", "ar": "آلات ومعدات"},
    "energy": {"zh": "新能源", "en": "New energy", "ko": "신에너지", "ja": "新エネルギー", "ar": "طاقة جديدة"},
    "food": {"zh": "食品饮料", "en": "Food & beverage", "ko": "식음료", "ja": "食品・飲料", "ar": "أغذية ومشروبات"},
    "home": {"zh": "家居生活", "en": "Home & living", "ko": "생활용품", "ja": "生活雑貨", "ar": "المنزل والمعيشة"},
    "tech": {"zh": "消费电子", "en": "Consumer electronics", "ko": "가전", "ja": "家電", "ar": "إلكترونيات استهلاكية"},
}
WORDS = {
    "zh": "智能 制造 工业 机器人 新能源 电池 食品 贸易 合作 创新 设计 品质 服务 市场 出口 技术".split(),
    "en": "smart factory robot battery solar food trade partner design quality service market export".split(),
    "ko": "스마트 제조 산업 로봇 배터리 태양광 식품 무역 협력 혁신 디자인 품질 서비스 시장 수출".split(),
    "ja": "スマート 製造 産業 ロボット 電池 太陽光 食品 貿易 協力 革新 設計 品質 サービス 市場 輸出".split(),
    "ar": "ذكي تصنيع صناعة روبوت بطارية طاقة شمسية غذاء تجارة شريك تصميم جودة خدمة سوق تصدير ابتكار".split(),
}
CLIENT_NAMES = {
    "zh": ["王伟", "李娜", "张敏", "刘洋", "陈静"],
    "en": ["Anna Smith", "James Brown", "Olivia Jones", "Noah Miller", "Emma Davis"],
    "ko": ["김민준", "이서연", "박지훈", "최수아", "정예준"],
    "ja": ["佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 翔", "伊藤 さくら"],
    "ar": ["محمد العلي", "فاطمة الزهراء", "أحمد حسن", "مريم خالد", "يوسف إبراهيم"],
}
CLIENT_COUNTRIES = {"zh": "CN", "en": "GB", "ko": "KR", "ja": "JP", "ar": "AE"}


def pick(text: dict[str, str], langs: list[str]) -> dict[str, str]:
    """Only the show's languages of a translated text (English standing in for a missing one)."""
    return {lang: text.get(lang, text["en"]) for lang in langs}


def sentence(rng: random.Random, lang: str, n: int = 12) -> str:
    words = [rng.choice(WORDS[lang]) for _ in range(n)]
    return ("" if lang in ("zh", "ja") else " ").join(words) + ("。" if lang in ("zh", "ja") else ".")


def make_show(folder: Path, exhibitors: int, news: int, events: int, seed: int = 7,
              languages: list[str] | None = None) -> Path:
    """Write the show under ``folder`` (data/ and content/) in ``languages`` (default LANGS) and return it."""
    langs = list(languages or LANGS)
    rng = random.Random(seed)
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    days = [dt.date(2026, 9, 15) + dt.timedelta(days=i) for i in range(4)]
    halls_count = max(1, exhibitors // 100)
    per_hall = -(-exhibitors // halls_count)
    halls = []
    booth_ids: list[str] = []
    for h in range(halls_count):
        booths = []
        for b in range(per_hall):
            if len(booth_ids) >= exhibitors:
                break
            bid = f"H{h + 1}-{b + 1:03d}"
            booth_ids.append(bid)
            booths.append({"id": bid, "size_m2": 18, "status": "sold",
                           "plan": {"x": 1 + (b % 10) * 6, "y": 1 + (b // 10) * 5, "width": 5, "height": 4}})
        halls.append({"id": f"H{h + 1}", "name": {lang: f"{h + 1} {CATEGORIES['machines'][lang]}" for lang in langs},
                      "area_m2": 6000, "facilities": [{lang: sentence(rng, lang, 4) for lang in langs}],
                      "plan": {"x": (h % 5) * 70, "y": (h // 5) * 60, "width": 62, "height": 52},
                      "booths": booths})
    show = {
        "name": pick({"zh": "合成基准博览会", "en": "Synthetic Benchmark Expo", "ko": "합성 벤치마크 박람회",
                      "ja": "合成ベンチマーク博覧会", "ar": "معرض القياس الاصطناعي"}, langs),
        "short_name": pick({"zh": "基准展", "en": "BenchExpo", "ko": "벤치엑스포", "ja": "ベンチ展", "ar": "معرض القياس"}, langs),
        "edition": 5, "languages": langs,
        "site_url": "https://bench.example.org/", "collector_url": "https://collect.bench.example.org/",
        "timezone": "Asia/Shanghai",
        "days": [{"date": d.isoformat(), "opens": "09:00", "closes": "17:00"} for d in days],
        "venue": {"name": {lang: "Bench Centre" for lang in langs}, "address": "1 Bench Road",
                  "city": pick({"zh": "海州", "en": "Haizhou", "ko": "하이저우", "ja": "海州", "ar": "هايتشو"}, langs),
                  "latitude": 31.2, "longitude": 121.5},
        "organisers": [{"role": "organiser", "name": "Bench Fairs Ltd"}],
        "history": {lang: sentence(rng, lang, 40) for lang in langs},
        "purpose": {lang: sentence(rng, lang, 30) for lang in langs},
        "past_editions": [{"edition": e, "year": 2020 + e, "visitors": 50000 + e * 9000,
                           "exhibitors": 400 + e * 100, "countries": 20 + e} for e in range(1, 5)],
        "statistics": {"visitors_per_day": [{"date": d.isoformat(), "visitors": 20000 + i * 3000}
                                            for i, d in enumerate(days)]},
        "categories": [{"id": "general", "name": pick({"zh": "综合", "en": "General", "ko": "종합", "ja": "総合", "ar": "عام"}, langs)}],
        "participation": [{"title": {lang: "Rules" for lang in langs}, "body": {lang: sentence(rng, lang) for lang in langs}}],
        "inquiry": {"email": "desk@bench.example.org", "form": "ask"},
        "mailing": {"signatory": "Bench Director", "signatory_title": {lang: "Director" for lang in langs},
                    "survey": "opinion"},
    }
    companies = []
    for i in range(exhibitors):
        companies.append({
            "id": f"ex{i:05d}",
            "name": {lang: f"{sentence(rng, lang, 2)[:-1]} {i}" for lang in langs},
            "country": rng.choice(COUNTRIES),
            "categories": [rng.choice(list(CATEGORIES))],
            "booths": [booth_ids[i]],
            "description": {lang: sentence(rng, lang, 25) for lang in langs},
            "products": [{lang: sentence(rng, lang, 3) for lang in langs}],
        })
    places = [{"id": f"room{r}", "name": {lang: f"Room {r}" for lang in langs}} for r in range(1, 6)]
    schedule = []
    for e in range(events):
        day = days[e % len(days)]
        start = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(minutes=30 * (e // len(days) % 16))
        schedule.append({"id": f"ev{e:04d}", "kind": "forum", "title": {lang: sentence(rng, lang, 5) for lang in langs},
                         "starts": start.strftime("%Y-%m-%d %H:%M"),
                         "ends": (start + dt.timedelta(minutes=25)).strftime("%Y-%m-%d %H:%M"),
                         "place": f"room{e % 5 + 1}"})
    forms = {"forms": [
        {"id": "opinion", "kind": "survey", "title": {lang: "Survey" for lang in langs},
         "questions": [{"id": "q1", "kind": "single", "label": {lang: "How was it?" for lang in langs},
                        "options": [{"id": "good", "label": {lang: "Good" for lang in langs}},
                                    {"id": "bad", "label": {lang: "Bad" for lang in langs}}]}],
         "thanks": {lang: "Thanks" for lang in langs}},
        {"id": "ask", "kind": "inquiry", "audience": "public", "title": {lang: "Ask" for lang in langs},
         "questions": [{"id": "email", "kind": "email", "required": True, "label": {lang: "E-mail" for lang in langs}},
                       {"id": "message", "kind": "text", "required": True, "label": {lang: "Question" for lang in langs}}],
         "thanks": {lang: "Thanks" for lang in langs}},
    ]}
    files = {
        "show.yml": show,
        "halls.yml": {"halls": halls},
        "exhibitors.yml": {"categories": [{"id": k, "name": pick(v, langs)} for k, v in CATEGORIES.items()], "exhibitors": companies},
        "schedule.yml": {"places": places, "events": schedule},
        "visiting.yml": {"accessibility": {lang: sentence(rng, lang) for lang in langs}},
        "forms.yml": forms,
    }
    for name, content in files.items():
        (data / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for lang in langs:
        folder_news = folder / "content" / lang / "news"
        folder_news.mkdir(parents=True, exist_ok=True)
        for n in range(news):
            when = dt.datetime(2026, 9, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))) + dt.timedelta(hours=7 * n)
            meta = {"title": sentence(rng, lang, 5)[:-1], "date": when.isoformat(), "category": "general",
                    "summary": sentence(rng, lang, 10), "key": f"story-{n:04d}"}
            body = "\n\n".join(sentence(rng, lang, 40) for _ in range(4))
            (folder_news / f"story-{n:04d}.md").write_text(
                "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n",
                encoding="utf-8",
            )
        (folder / "content" / lang / "press.md").write_text(f"# Press\n\n{sentence(rng, lang, 30)}\n", encoding="utf-8")
    return folder


def write_clients(path: Path, count: int, languages: list[str], seed: int = 7) -> Path:
    """Write ``count`` private clients (CSV: id, name, language, organisation, country, address) to ``path``.

    Languages go round robin over ``languages``; names are CJK, Arabic or Latin by language."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "language", "organisation", "country", "address"])
        for i in range(count):
            lang = languages[i % len(languages)]
            name = CLIENT_NAMES.get(lang, CLIENT_NAMES["en"])[rng.randrange(5)]
            writer.writerow([f"client-{i:05d}", name, lang, f"Org {i}", CLIENT_COUNTRIES.get(lang, "GB"),
                             f"Street {i}\nCity {i % 17}"])
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--exhibitors", type=int, default=1000)
    parser.add_argument("--news", type=int, default=50, help="news stories per language")
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--languages", default=",".join(LANGS), help="comma-separated, first = default")
    parser.add_argument("--clients", type=int, default=0, help="also write FOLDER-clients.csv with N clients")
    args = parser.parse_args()
    langs = args.languages.split(",")
    make_show(args.folder, args.exhibitors, args.news, args.events, languages=langs)
    print(f"wrote a {args.exhibitors}-exhibitor show into {args.folder}")
    if args.clients:
        clients = write_clients(args.folder.with_name(args.folder.name + "-clients.csv"), args.clients, langs)
        print(f"wrote {args.clients} clients into {clients}")


if __name__ == "__main__":
    main()
