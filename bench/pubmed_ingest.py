"""Ingest of PubMed XML against the parsing library alone, and its peak memory at 10^3 and 10^4 records.

Writes a PubMed XML file of N synthetic articles (each with authors, an ORCID,
a structured abstract, publication types, MeSH headings and a trial
registration, as PubMed exports them), then times in fresh processes, so that
each peak memory (ru_maxrss, less the process's memory after its imports) is
its own. Ratios are of CPU time (the process's user and system time): the
steps that write files also wait on a shared disk; wall time is printed
beside it. The steps that write do so into a fresh copy of the bundled
corpus in the work folder, as ``kgraph ingest`` does (staged inside the
corpus, then moved into place): creating a file in this machine's /tmp was
measured at 0.6 to 0.7 ms of system time, against 0.06 ms in the work tree.

- **baseline**: lxml's iterparse reading every ``PubmedArticle`` and clearing it, the parsing library alone;
- **lxml reading the same fields**: the baseline plus ``findtext``/``iterfind`` of every field kgraph reads,
  their raw text and nothing else: the least work any reader of these fields does;
- the other candidate parsers: xml.etree's iterparse and Biopython's ``Entrez.parse`` (the file's DOCTYPE names
  PubMed's 2015 DTD, the newest of those Biopython bundles in which ``PubmedArticleSet`` is a list, which
  ``Entrez.parse`` needs to stream; the articles use no element that DTD lacks);
- **read**: kgraph's PubMed reader (``kgraph.ingest.bib.read``), every field of every record;
- **draft**: read, match every record against the bundled corpus and draft its study record; nothing staged;
- **ingest without abstracts**: draft, stage each record's YAML into the bibliography file and move it into
  place, as ``kgraph ingest`` does; abstracts are not drafted (the bibliographic ingest's own work);
- **with abstracts**: the whole ingest, written into the corpus copy: ``ingest_bibliography`` and
  ``Staged.commit``, each abstract also drafted as a source with statements through the document path
  (sentence splitting, cues, terms, claims) and written as its text and its source file;
- **JSON dry run**: the same, staged and printed as ``--dry-run --format json`` (to a null file).

    .venv/bin/python bench/pubmed_ingest.py --records 1000 10000 --work /tmp/kg-pubmed
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ARTICLE = """  <PubmedArticle>
    <MedlineCitation Status="MEDLINE" Owner="NLM">
      <PMID Version="1">{pmid}</PMID>
      <Article PubModel="Print">
        <Journal>
          <JournalIssue CitedMedium="Internet"><Volume>{volume}</Volume><Issue>{issue}</Issue>
            <PubDate><Year>{year}</Year><Month>Mar</Month><Day>{day:02d}</Day></PubDate></JournalIssue>
          <Title>Journal of invented examples {journal}</Title>
          <ISOAbbreviation>J Invent Exampl {journal}</ISOAbbreviation>
        </Journal>
        <ArticleTitle>Kyphoplasty versus conservative care for invented fractures {n}: a randomised controlled trial.</ArticleTitle>
        <Pagination><MedlinePgn>{page}-{end}</MedlinePgn></Pagination>
        <ELocationID EIdType="doi" ValidYN="Y">10.5555/bench.{n}</ELocationID>
        <Abstract>
          <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Vertebral compression fractures are painful; trial {n} is invented for a benchmark.</AbstractText>
          <AbstractText Label="METHODS" NlmCategory="METHODS">We randomly assigned {size} invented patients to balloon kyphoplasty or conservative care and followed them for 12 months.</AbstractText>
          <AbstractText Label="RESULTS" NlmCategory="RESULTS">At 1 month, back pain improved more after kyphoplasty (p=0.0{digit}). At 12 months the difference in back pain was not significant. New fractures occurred in {digit} patients.</AbstractText>
          <AbstractText Label="CONCLUSIONS" NlmCategory="CONCLUSIONS">Kyphoplasty may reduce back pain in the short term.</AbstractText>
        </Abstract>
        <AuthorList CompleteYN="Y">
          <Author ValidYN="Y"><LastName>Example{n}</LastName><ForeName>Alex B</ForeName><Initials>AB</Initials>
            <Identifier Source="ORCID">0000-0002-1825-0097</Identifier><AffiliationInfo><Affiliation>Invented Hospital, Exampletown.</Affiliation></AffiliationInfo></Author>
          <Author ValidYN="Y"><LastName>Sample</LastName><ForeName>Bea</ForeName><Initials>B</Initials></Author>
          <Author ValidYN="Y"><LastName>Tester</LastName><ForeName>Chris D</ForeName><Initials>CD</Initials></Author>
        </AuthorList>
        <DataBankList CompleteYN="Y"><DataBank><DataBankName>ClinicalTrials.gov</DataBankName>
          <AccessionNumberList><AccessionNumber>NCT{nct:08d}</AccessionNumber></AccessionNumberList></DataBank></DataBankList>
        <PublicationTypeList>
          <PublicationType UI="D016428">Journal Article</PublicationType>
          <PublicationType UI="D016449">Randomized Controlled Trial</PublicationType>
        </PublicationTypeList>
      </Article>
      <MedlineJournalInfo><MedlineTA>J Invent Exampl {journal}</MedlineTA></MedlineJournalInfo>
      <MeshHeadingList>
        <MeshHeading><DescriptorName UI="D058498" MajorTopicYN="Y">Kyphoplasty</DescriptorName></MeshHeading>
        <MeshHeading><DescriptorName UI="D016103" MajorTopicYN="N">Spinal Fractures</DescriptorName></MeshHeading>
      </MeshHeadingList>
    </MedlineCitation>
    <PubmedData><ArticleIdList><ArticleId IdType="pubmed">{pmid}</ArticleId><ArticleId IdType="doi">10.5555/bench.{n}</ArticleId></ArticleIdList></PubmedData>
  </PubmedArticle>
"""

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2015//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_150101.dtd">\n<PubmedArticleSet>\n'


def generate(path: Path, records: int) -> None:
    """A PubMed XML file of ``records`` invented articles; the same size gives the same bytes."""
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(records):
            out.write(ARTICLE.format(n=n, pmid=90_000_000 + n, volume=n % 40 + 1, issue=n % 12 + 1, year=2000 + n % 25, day=n % 28 + 1,
                                     journal=n % 50, page=n % 900 + 1, end=n % 900 + 9, size=100 + n % 300, digit=n % 9 + 1, nct=90_000_000 + n))
        out.write("</PubmedArticleSet>\n")


STEPS = {
    "lxml iterparse (baseline)": """
from lxml import etree
n = 0
for _, e in etree.iterparse(PATH, events=("end",), tag="PubmedArticle", resolve_entities=False, no_network=True):
    n += 1
    e.clear()
    while e.getprevious() is not None:
        del e.getparent()[0]
""",
    "lxml reading the same fields": """
from lxml import etree
ARTICLE = "MedlineCitation/Article/"
FIELDS = ["MedlineCitation/PMID", ARTICLE + "ArticleTitle", ARTICLE + "VernacularTitle", ARTICLE + "Journal/ISOAbbreviation",
          "MedlineCitation/MedlineJournalInfo/MedlineTA", ARTICLE + "Journal/Title", ARTICLE + "Journal/JournalIssue/Volume",
          ARTICLE + "Journal/JournalIssue/Issue", ARTICLE + "Journal/JournalIssue/PubDate/Year", ARTICLE + "Journal/JournalIssue/PubDate/Month",
          ARTICLE + "Journal/JournalIssue/PubDate/Day", ARTICLE + "Journal/JournalIssue/PubDate/MedlineDate",
          ARTICLE + "Pagination/MedlinePgn", ARTICLE + "Pagination/StartPage"]
LISTS = [ARTICLE + "PublicationTypeList/PublicationType", "MedlineCitation/MeshHeadingList/MeshHeading/DescriptorName",
         ARTICLE + "DataBankList/DataBank/AccessionNumberList/AccessionNumber"]
n = 0
for _, e in etree.iterparse(PATH, events=("end",), tag="PubmedArticle", resolve_entities=False, no_network=True):
    fields = [e.findtext(p) for p in FIELDS]
    authors = [(a.findtext("LastName"), a.findtext("ForeName"), a.findtext("Initials"), a.findtext("CollectiveName"),
                [(i.get("Source"), i.text) for i in a.iterfind("Identifier")]) for a in e.iterfind(ARTICLE + "AuthorList/Author")]
    abstract = [(t.get("Label"), "".join(t.itertext())) for t in e.iterfind(ARTICLE + "Abstract/AbstractText")]
    ids = [(i.get("IdType"), i.text) for i in e.iterfind("PubmedData/ArticleIdList/ArticleId")]
    ids += [(i.get("EIdType"), i.text) for i in e.iterfind(ARTICLE + "ELocationID")]
    lists = [[x.text for x in e.iterfind(p)] for p in LISTS]
    n += 1
    e.clear()
    while e.getprevious() is not None:
        del e.getparent()[0]
""",
    "xml.etree iterparse": """
import xml.etree.ElementTree as ET
n = 0
for _, e in ET.iterparse(PATH, events=("end",)):
    if e.tag == "PubmedArticle":
        n += 1
        e.clear()
""",
    "Biopython Entrez.parse": """
from Bio import Entrez
n = 0
with open(PATH, "rb") as handle:
    for _ in Entrez.parse(handle):
        n += 1
""",
    "kgraph read": """
from pathlib import Path
from kgraph.ingest.bib import read
problems = []
n = sum(1 for _ in read(Path(PATH), "pubmed-xml", problems))
assert not problems
""",
    "kgraph draft": """
from pathlib import Path
from kgraph.ingest.bib import read
from kgraph.ingest.bib.drafts import Drafter
from kgraph.ingest.corpus import read_corpus
problems = []
drafter = Drafter(read_corpus(Path(CORPUS)).catalogue, "bench")
n = sum(1 for item in read(Path(PATH), "pubmed-xml", problems) if drafter.draft(item))
assert not problems
""",
    "kgraph ingest without abstracts": """
import tempfile
from pathlib import Path
from kgraph.ingest.bib import read
from kgraph.ingest.bib.drafts import Drafter
from kgraph.ingest.bib.staging import Staged, Stager
from kgraph.ingest.corpus import read_corpus
problems = []
view = read_corpus(Path(CORPUS))
drafter = Drafter(view.catalogue, "bench")
n = 0
folder = Path(tempfile.mkdtemp(prefix=".ingest-", dir=CORPUS))
with Staged(Path(PATH), Path(CORPUS) / "bibliography" / "bench.yaml", Path(CORPUS), view.texts_dir, folder) as staged:
    with Stager(staged, False) as stager:
        for item in read(Path(PATH), "pubmed-xml", problems):
            stager.add(drafter.draft(item), None)
            n += 1
    staged.commit()
assert not problems and staged.new_records
""",
    "kgraph ingest with abstracts": """
from pathlib import Path
from kgraph.ingest.bib.bibliography import ingest_bibliography
with ingest_bibliography(Path(PATH), "pubmed-xml", Path(CORPUS)) as staged:
    n = sum(1 for path in staged.destinations() if path.suffix == ".txt")
    staged.commit()
""",
    "kgraph ingest with abstracts, JSON dry run": """
import os
from pathlib import Path
from kgraph.ingest.bib.bibliography import ingest_bibliography
with ingest_bibliography(Path(PATH), "pubmed-xml", Path(CORPUS), dry_run=True, as_json=True) as staged, open(os.devnull, "w") as out:
    for chunk in staged.json_chunks():
        out.write(chunk)
n = RECORDS
""",
}

PROBE = """
import json, resource, sys, time
PATH, CORPUS, RECORDS = sys.argv[1], sys.argv[2], int(sys.argv[3])
{imports}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start, cpu = time.perf_counter(), time.process_time()
{body}
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": seconds, "cpu": cpu, "peak_mb": peak / 1024, "extra_mb": (peak - before) / 1024, "records": n}}))
"""

IMPORTS = "import lxml.etree, xml.etree.ElementTree, Bio.Entrez, kgraph.ingest.bib.pubmed, kgraph.ingest.bib.bibliography, kgraph.ingest.bib.staging"


def measure(step: str, path: Path, corpus: Path, records: int, work: Path) -> dict:
    """One step in a fresh process, on a fresh copy of ``corpus`` (made before the clock starts)."""
    copy = work / "corpus"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(corpus, copy)
    corpus = copy
    code = PROBE.format(imports=IMPORTS, body=STEPS[step])
    done = subprocess.run([sys.executable, "-c", code, str(path), str(corpus), str(records)], capture_output=True, text=True, check=False, timeout=3600)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-pubmed"))
    parser.add_argument("--steps", nargs="+", default=list(STEPS), choices=list(STEPS))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step, interleaved; the least CPU time is kept")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from kgraph import resources

    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    for records in args.records:
        path = args.work / f"pubmed-{records}.xml"
        if not path.exists() or not path.read_bytes()[: len(HEAD)] == HEAD.encode():
            generate(path, records)
        results[records] = {}
        for _ in range(args.repeat):  # round after round, so that a slow spell of the shared machine falls on every step alike
            for step in args.steps:
                figure = measure(step, path, resources.default_corpus(), records, args.work)
                kept = results[records].get(step)
                if kept is None or "error" in figure or ("error" not in kept and figure["cpu"] < kept["cpu"]):
                    results[records][step] = figure
        base = results[records].get("lxml iterparse (baseline)", {}).get("cpu")
        print(f"\n{records:,} records, {path.stat().st_size / 1e6:.1f} MB")
        for step, figure in results[records].items():
            if "error" in figure:
                print(f"  {step:45} failed: {figure['error']}")
                continue
            ratio = f"{figure['cpu'] / base:6.2f}x" if base else ""
            print(f"  {step:45} {figure['cpu']:7.2f} s CPU {ratio} ({figure['seconds']:7.2f} s wall)  "
                  f"peak {figure['peak_mb']:7.1f} MB, {figure['extra_mb']:6.1f} MB over the imports")
    (args.work / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    if len(args.records) > 1:
        low, high = min(args.records), max(args.records)
        for step in args.steps:
            a, b = results[low].get(step, {}), results[high].get(step, {})
            if "peak_mb" in a and "peak_mb" in b:
                print(f"peak memory {high:,} vs {low:,} records, {step}: {b['peak_mb'] / a['peak_mb']:.2f}x")


if __name__ == "__main__":
    main()
