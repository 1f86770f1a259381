#!/usr/bin/env python3
"""gen-family.py N DIR - writes a crafted family of N status-code pages (RST)
into DIR, for the report tests: the same 40-code table in every page, each
page drifting in its own deterministic way, so that the reports meet every
shape at scale:

- groups of pages making the same change (an addition at 202, a case change
  at 404, a rewording at 503 in every third page),
- pages missing codes (every seventh), a minority with extra codes (299),
- one page's own rewording at 500 (every ninth: each one different),
- long service names, a description with a 150-character URL, and one in
  CJK (two display columns per character).

Deterministic: the same N gives the same bytes.
"""
import os
import sys
import unicodedata

CODES = [
    ("100", "Continue", "The client should continue with its request."),
    ("101", "Switching Protocols", "The server is switching protocols as the client asked."),
    ("200", "OK", "The request has succeeded."),
    ("201", "Created", "The request has been fulfilled and a new resource has been created."),
    ("202", "Accepted", "The request has been accepted, but the processing has not been completed."),
    ("203", "Non-Authoritative Information", "The returned information comes from another source."),
    ("204", "No Content", "The server has fulfilled the request but returns no content."),
    ("205", "Reset Content", "The client should reset the document view."),
    ("206", "Partial Content", "The server has fulfilled a partial GET request."),
    ("300", "Multiple Choices", "The requested resource has several representations."),
    ("301", "Moved Permanently", "The requested resource has been assigned a new permanent URI."),
    ("302", "Found", "The requested resource resides temporarily under a different URI."),
    ("303", "See Other", "The response can be found under a different URI."),
    ("304", "Not Modified", "The resource has not been modified since the last request."),
    ("307", "Temporary Redirect", "The request should be repeated with another URI."),
    ("308", "Permanent Redirect", "The resource is now permanently located at another URI."),
    ("400", "Bad Request", "The request could not be understood by the server."),
    ("401", "Unauthorized", "The request requires user authentication."),
    ("402", "Payment Required", "This code is reserved for future use."),
    ("403", "Forbidden", "The server understood the request, but is refusing to fulfill it."),
    ("404", "Not Found", "The requested resource could not be found."),
    ("405", "Method Not Allowed", "The method specified in the request is not allowed."),
    ("406", "Not Acceptable", "The resource cannot generate the content the client accepts."),
    ("407", "Proxy Authentication Required", "The client must first authenticate with the proxy."),
    ("408", "Request Timeout", "The client did not produce a request within the time allowed."),
    ("409", "Conflict", "The request could not be completed due to a conflict."),
    ("410", "Gone", "The requested resource is no longer available."),
    ("411", "Length Required", "The server refuses the request without a Content-Length."),
    ("412", "Precondition Failed", "A precondition given in the request failed."),
    ("413", "Request Entity Too Large", "The request is larger than the server can process."),
    ("414", "Request-URI Too Long", "The request URI is longer than the server can interpret."),
    ("415", "Unsupported Media Type", "The request is in a format the resource does not support."),
    ("416", "Requested Range Not Satisfiable", "The requested range cannot be served."),
    ("417", "Expectation Failed", "The server cannot meet the Expect request header."),
    ("429", "Too Many Requests", "The client has sent too many requests in a given time."),
    ("500", "Internal Server Error", "The server met an unexpected condition."),
    ("501", "Not Implemented", "The server does not support the function required."),
    ("502", "Bad Gateway", "The server received an invalid response from an upstream server."),
    ("503", "Service Unavailable", "The server is currently unable to handle the request."),
    ("504", "Gateway Timeout", "The server did not receive a timely response from upstream."),
]

SERVICES = [
    "elb", "ecs", "evs", "vpc", "iam", "dns", "cce", "rds", "dcs", "obs", "smn", "kms", "waf",
    "mrs", "dws", "ddm", "css", "dms", "apig", "fgs", "nat", "eip", "ims", "sfs", "cbr", "ces",
    "cts", "lts", "aom", "apm", "dds", "gaussdb", "drs", "dli", "dis", "cdm", "mas", "tms", "rts",
    "as", "bms", "deh", "dss", "vbs", "csbs", "sdrs", "ecsbackup", "antiddos", "hss", "scm",
    "distributeddatabasemiddleware", "elasticloadbalancingmonitor", "cloudsearchservice", "ges",
    "modelarts", "dataartsstudio", "swr", "aad", "cfw", "er",
]

URL = "https://docs.example.com/" + "/".join(["very-long-path-segment-%d" % i for i in range(6)])


def dwidth(s):
    """Display columns, as docutils counts them (East Asian wide: two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def pad(s, w):
    return s + " " * (w - dwidth(s))


def page(i, n):
    svc = SERVICES[i % len(SERVICES)] if i < len(SERVICES) else "svc%03d" % i
    rows = []
    for code, name, desc in CODES:
        if i % 7 == 0 and code in ("404", "409", "410"):
            continue  # a page that lacks codes
        if code == "202" and i % 5 == 1:
            desc = "The request has been accepted for processing, but the processing has not been completed."
        if code == "404" and i % 4 == 2:
            name = "Not found"
        if code == "503" and i % 3 == 0:
            desc = "The service is temporarily overloaded or down for maintenance."
        if code == "500" and i % 9 == 4:
            desc = "The server hit error number %d while processing the request of page %d." % (1000 + i, i)
        if code == "301" and i == 2:
            desc = "The resource moved; see " + URL + " for the new location."
        if code == "415" and i == 3:
            desc = "请求的媒体类型不受支持，服务器无法处理该请求的格式，请检查请求头。"
        rows.append((code, name, desc))
        if code == "206" and i % 11 == 5:
            rows.append(("299", "Odd Success", "A code only a few pages have."))
    out = [".. _%s_api_%04d:" % (svc, i), "", "Status Codes", "============", "",
           ".. table:: **Table 1** Status codes", ""]
    w = [13, max(dwidth(r[1]) for r in rows) + 2, max(dwidth(r[2]) for r in rows) + 2]
    border = "+" + "+".join("-" * x for x in w) + "+"
    head = "+" + "+".join("=" * x for x in w) + "+"

    def line(cells):
        return "|" + "|".join(" " + pad(c, x - 1) for c, x in zip(cells, w)) + "|"

    out += ["   " + border, "   " + line(["Status Code", "Message", "Description"]), "   " + head]
    for r in rows:
        out += ["   " + line(r), "   " + border]
    return "\n".join(out) + "\n"


def main():
    n, d = int(sys.argv[1]), sys.argv[2]
    os.makedirs(d, exist_ok=True)
    for i in range(n):
        with open(os.path.join(d, "page-%03d.rst" % i), "w", encoding="utf-8") as f:
            f.write(page(i, n))


if __name__ == "__main__":
    main()
