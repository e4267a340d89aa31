"""Small real input files for the ingest tests, written with the proper libraries."""
from __future__ import annotations

import io

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>Pasukan Suriah Rebut Aleppo Timur - Contoh News</title>
<meta property="og:site_name" content="ContohNews.com">
<meta property="og:title" content="Pasukan Suriah Rebut Aleppo Timur">
<meta property="article:published_time" content="2016-12-22T19:30:00+07:00">
<meta name="author" content="Budi Santoso">
<link rel="canonical" href="https://www.contohnews.com/read/123/aleppo">
</head><body>
<nav><a href="/">Beranda</a> <a href="/dunia">Dunia</a></nav>
<article><h1>Pasukan Suriah Rebut Aleppo Timur</h1>
<p>Tentara Suriah menyatakan telah menguasai seluruh wilayah Aleppo timur pada Kamis (22/12) malam setelah evakuasi terakhir warga sipil dan pejuang oposisi selesai.</p>
<p>"Keamanan telah kembali ke Aleppo," kata juru bicara militer dalam pernyataan yang disiarkan televisi pemerintah.</p>
<p>Lebih dari 34.000 orang telah dievakuasi dari bagian timur kota itu sejak pekan lalu, menurut Komite Palang Merah Internasional.</p>
</article>
<footer>Hak cipta 2016 ContohNews</footer>
</body></html>
"""

PARAGRAPHS = [
    "Tentara Suriah menyatakan telah menguasai seluruh wilayah Aleppo timur pada Kamis (22/12) malam.",
    "\"Keamanan telah kembali ke Aleppo,\" kata juru bicara militer.",
]
BODY = "\n".join(PARAGRAPHS)


def html_page(body_paragraphs=PARAGRAPHS, *, date_meta=True) -> str:
    date = ('<meta property="article:published_time" content="2016-12-22T19:30:00+07:00">'
            if date_meta else "")
    ps = "".join(f"<p>{p}</p>" for p in body_paragraphs)
    return (f"<html><head><title>Judul Berita</title>{date}</head><body><article>"
            f"<h1>Judul Berita</h1>{ps}</article></body></html>")


def warc_bytes(pages, *, gzip: bool = True, extra_records=True) -> bytes:
    """A WARC with a warcinfo record, then per page a request and an HTML response,
    plus one non-HTML response (an image) that ingest must skip."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "pantau tests"}))
    for url, html in pages:
        if extra_records:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.id")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                        http_headers=headers,
                                        warc_headers_dict={"WARC-Date": "2016-12-23T01:02:03Z"})
        writer.write_record(rec)
    if extra_records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://example.id/logo.png", "response", payload=io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00"),
            http_headers=headers))
    return out.getvalue()


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Contoh News - Dunia</title><link>https://contohnews.com/dunia</link>
<description>Berita dunia</description>
<item><title>Aleppo jatuh</title><link>https://contohnews.com/read/1/aleppo</link>
<pubDate>Thu, 22 Dec 2016 19:30:00 +0700</pubDate><author>redaksi@contohnews.com (Budi)</author>
<description><![CDATA[<p>Tentara Suriah menguasai Aleppo timur pada Kamis (22/12).</p><p>Evakuasi warga sipil telah selesai, kata ICRC.</p>]]></description>
</item>
<item><title>Gencatan senjata</title><link>https://contohnews.com/read/2/gencatan</link>
<pubDate>Fri, 30 Dec 2016 08:00:00 +0700</pubDate>
<description>Gencatan senjata nasional berlaku di Suriah mulai tengah malam.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Kabar Atom</title><id>urn:kabar</id><updated>2024-11-30T10:00:00Z</updated>
<entry><title>Oposisi masuk Aleppo</title><id>urn:kabar:1</id>
<link href="https://kabaratom.id/2024/11/30/aleppo"/>
<published>2024-11-30T10:00:00+07:00</published><updated>2024-11-30T11:00:00Z</updated>
<author><name>Siti Aminah</name></author>
<content type="html">&lt;p&gt;Kelompok oposisi bersenjata memasuki kota Aleppo pada Sabtu (30/11).&lt;/p&gt;&lt;p&gt;Warga melaporkan bentrokan di pinggiran barat kota.&lt;/p&gt;</content>
</entry>
</feed>
"""
