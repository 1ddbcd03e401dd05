#!/usr/bin/env python3
"""Lua API tests through the real binary: api.py PATCHLORE CASE...

Each case names the behaviour it checks; with no CASE, all run. The Lua
scripts (api_*.lua) assert field values; this driver builds what they read
(a maildir in a temporary directory, standard input) and checks what only
the process shows: exit statuses, messages on stderr, limits.
"""
import mailbox
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(HERE), "fixtures")
EXAMPLE = os.path.join(FIXTURES, "example.mbox")
INBOX = os.path.join(FIXTURES, "inbox")
MULTIPART = os.path.join(INBOX, "multipart-patch-attachment.eml")

# example.mbox's Message-IDs in file order, then the .eml fixtures by name.
MBOX_IDS = ["cover.1.alice@example.org", "patch1.1.alice@example.org",
            "patch2.1.alice@example.org", "reply.1.bjorn@example.net",
            "typo.carol@corp.example.com", "typo-resend.carol@corp.example.com"]
EML_IDS = {"folded-subject-quoted-name.eml": "folded.rick.p.edgecombe@example.com",
           "from-without-name.eml": "bare-from.dave@example.com",
           "multipart-patch-attachment.eml": "attached.erin@example.org",
           "subject-base64-split-char-qp-crlf.eml": "encoded-words.joerg@example.de"}

patchlore = None
tmp = None
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)
    return cond


def run(args, stdin=None, env=None, timeout=60, cwd=None):
    full_env = dict(os.environ)
    full_env.pop("PATCHLORE_PATH", None)
    full_env.update(env or {})
    start = time.monotonic()
    r = subprocess.run([patchlore] + args, input=stdin, capture_output=True, env=full_env,
                       timeout=timeout, cwd=cwd)
    r.elapsed = time.monotonic() - start
    r.out = r.stdout.decode("utf-8", "replace")
    r.err = r.stderr.decode("utf-8", "replace")
    return r


def lua(script, *args, **kw):
    return run(["-L", HERE, os.path.join(HERE, script)] + list(args), **kw)


def script_file(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def expect_ok(label, r, out_tail=None):
    ok = check(r.returncode == 0, "%s: exit 0 (got %d)\n%s%s" % (label, r.returncode, r.out, r.err))
    if ok and out_tail is not None:
        check(r.out.endswith(out_tail), "%s: output ends with %r (got %r)" % (label, out_tail, r.out))


# --- fields on each kind of archive ---------------------------------------

def case_fields_mbox():
    """example.mbox: every field exact, newest (last in the file) first."""
    r = lua("api_fields.lua", EXAMPLE, "mbox", *reversed(MBOX_IDS))
    expect_ok("fields of an mbox", r, "ok 6 messages of %s (mbox)\n" % EXAMPLE)


def case_fields_maildir():
    """A maildir (cur/ and new/) of all ten fixture messages: newest first,
    by file name, which starts with the delivery time."""
    maildir = os.path.join(tmp, "maildir")
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub))
    box = mailbox.mbox(EXAMPLE, create=False)
    messages = [box.get_bytes(k) for k in box.keys()]
    for name in sorted(EML_IDS):
        with open(os.path.join(INBOX, name), "rb") as f:
            messages.append(f.read())
    for n, data in enumerate(messages):
        # Older mail read (cur/, with flags), the newest two not yet (new/).
        sub, suffix = ("new", "") if n >= len(messages) - 2 else ("cur", ":2,S")
        with open(os.path.join(maildir, sub, "%d.M%dP1.fixture%s" % (1762160400 + n, n, suffix)),
                  "wb") as f:
            f.write(data)
    ids = MBOX_IDS + [EML_IDS[n] for n in sorted(EML_IDS)]
    r = lua("api_fields.lua", maildir, "maildir", *reversed(ids))
    expect_ok("fields of a maildir", r, "ok 10 messages of %s (maildir)\n" % maildir)


def case_fields_eml():
    """One .eml file is an archive of one message."""
    for name, mid in sorted(EML_IDS.items()):
        path = os.path.join(INBOX, name)
        r = lua("api_fields.lua", path, "eml", mid)
        expect_ok("fields of " + name, r, "ok 1 messages of %s (eml)\n" % path)


def case_fields_stdin():
    """'-' reads standard input: an mbox when it starts with 'From ', else
    one message."""
    with open(EXAMPLE, "rb") as f:
        r = lua("api_fields.lua", "-", "stdin", *reversed(MBOX_IDS), stdin=f.read())
    expect_ok("fields of an mbox on stdin", r, "ok 6 messages of - (stdin)\n")
    with open(os.path.join(INBOX, "subject-base64-split-char-qp-crlf.eml"), "rb") as f:
        r = lua("api_fields.lua", "-", "stdin", "encoded-words.joerg@example.de", stdin=f.read())
    expect_ok("fields of one message on stdin", r, "ok 1 messages of - (stdin)\n")


def case_parts_headers_people():
    """parts(), header(), headers() and person values of a multipart .eml."""
    r = lua("api_parts.lua", MULTIPART)
    names = ["fields_are_cached_and_stable", "header_gives_the_first_value_headers_every_value",
             "headers_without_a_name_lists_all_in_order",
             "parts_are_the_leaves_in_tree_order_decoded",
             "person_domain_is_lower_case_and_equality_ignores_case",
             "person_tostring_is_name_and_address",
             "person_without_a_name_is_the_address_in_brackets", "raw_is_the_file",
             "text_is_the_first_text_plain_part"]
    expect_ok("parts, headers and people", r)
    check(r.out == "".join("ok %s\n" % n for n in names),
          "parts, headers and people: every test ran (got %r)" % r.out)


def case_content_headers():
    """header() and headers() give the Content-* headers too, in their place."""
    path = script_file("content.lua",
                       "local p = require('patchlore')\n"
                       "for m in assert(p.open(arg[1])):messages() do\n"
                       "  local names = {}\n"
                       "  for _, h in ipairs(m:headers()) do names[#names + 1] = h.name end\n"
                       "  print(table.concat(names, ','))\n"
                       "  print(m:header('content-type'))\n"
                       "  print(m:header('Content-Transfer-Encoding'))\n"
                       "end\n")
    r = run([path, MULTIPART])
    want = ("From,To,Subject,Date,Message-ID,X-Demo-Tag,X-Demo-Tag,MIME-Version,Content-Type\n"
            'multipart/mixed; boundary="frob-boundary"\nnil\n')
    check(r.returncode == 0 and r.out == want,
          "Content-Type among the headers of a multipart message (got %d: %r)"
          % (r.returncode, r.out))
    r = run([path, os.path.join(INBOX, "subject-base64-split-char-qp-crlf.eml")])
    want = ("From,To,Subject,Date,Message-ID,MIME-Version,Content-Type,"
            "Content-Transfer-Encoding\ntext/plain; charset=iso-8859-1\nquoted-printable\n")
    check(r.returncode == 0 and r.out == want,
          "Content-Type and Content-Transfer-Encoding among the headers (got %d: %r)"
          % (r.returncode, r.out))


# --- the sandbox ----------------------------------------------------------

def case_sandbox():
    """package.cpath is empty, package.path holds the -L and PATCHLORE_PATH
    directories made absolute (given relative here), load/loadfile/dofile
    refuse binary chunks."""
    lib = os.path.join(tmp, "lib")
    env_lib = os.path.join(tmp, "envlib")
    for d in (lib, env_lib):
        os.makedirs(d, exist_ok=True)
    shutil.copy(os.path.join(HERE, "check.lua"), lib)
    want = ";".join("%s/?.lua;%s/?/init.lua" % (d, d) for d in (lib, env_lib))
    r = run(["-L", "lib", os.path.join(HERE, "api_sandbox.lua"), want],
            env={"PATCHLORE_PATH": "envlib"}, cwd=tmp)
    expect_ok("sandbox", r)
    for name in ("cpath_is_empty", "path_is_the_lib_dirs_made_absolute",
                 "load_refuses_a_binary_chunk", "loadfile_and_dofile_refuse_a_binary_chunk",
                 "no_loader_of_c_libraries", "require_finds_no_c_module"):
        check("ok %s\n" % name in r.out, "sandbox: %s passed" % name)


# --- errors and exit statuses ---------------------------------------------

def case_script_error_traceback():
    """A runtime error in a script: 'file:line: message', a traceback, exit 1."""
    path = script_file("broken.lua", "local function inner(t)\n"
                                     "  return t.field.missing\n"
                                     "end\n"
                                     "local x = inner({})\n")
    r = run([path])
    check(r.returncode == 1, "script error exits 1 (got %d)" % r.returncode)
    lines = r.err.splitlines()
    check(lines[:1] == ["%s:2: attempt to index a nil value (field 'field')" % path],
          "script error: first line is file:line: message (got %r)" % lines[:1])
    check("stack traceback:" in lines, "script error: a traceback follows (got %r)" % r.err)
    check(any(l.strip().startswith("%s:2: in " % path) for l in lines) and
          any(l.strip().startswith("%s:4: in " % path) for l in lines),
          "script error: the traceback names lines 2 and 4 (got %r)" % r.err)
    check(r.out == "", "script error: nothing on stdout")

    path = script_file("throws.lua", "error({code = 7})\n")
    r = run([path])
    check(r.returncode == 1 and r.err.startswith("(error object is a table value)"),
          "a non-string error object exits 1 and says its type (got %d: %r)"
          % (r.returncode, r.err))


def case_usage_and_input_error():
    """patchlore.usage_error exits 2, patchlore.input_error exits 3, each
    with 'patchlore: message' alone on stderr."""
    path = script_file("usage.lua", "require('patchlore').usage_error('--top needs a number')\n"
                                    "print('not reached')\n")
    r = run([path])
    check(r.returncode == 2 and r.err == "patchlore: --top needs a number\n" and r.out == "",
          "usage_error: exit 2 and its message (got %d: %r %r)" % (r.returncode, r.err, r.out))
    path = script_file("usage_pcall.lua",
                       "local p = require('patchlore')\n"
                       "local ok, e = pcall(p.usage_error, 'caught')\n"
                       "print(ok, e.code, e.message)\n")
    r = run([path])
    check(r.returncode == 0 and r.out == "false\t2\tcaught\n",
          "usage_error raises a value a script can catch: {code = 2, message} (got %d: %r)"
          % (r.returncode, r.out))
    path = script_file("input.lua", "require('patchlore').input_error('x.mbox: truncated')\n")
    r = run([path])
    check(r.returncode == 3 and r.err == "patchlore: x.mbox: truncated\n",
          "input_error: exit 3 and its message (got %d: %r)" % (r.returncode, r.err))


def case_open_non_archive():
    """patchlore.open of something that is no archive gives nil and a
    message naming it."""
    plain = os.path.join(tmp, "plain-dir")
    os.makedirs(plain)
    repo = os.path.join(tmp, "code.git")
    subprocess.run(["git", "init", "-q", "--bare", repo], check=True)
    work = os.path.join(tmp, "work")
    subprocess.run(["git", "init", "-q", work], check=True)
    with open(os.path.join(work, "README"), "w") as f:
        f.write("not mail\n")
    git = ["git", "-C", work, "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["add", "README"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "code"], check=True)
    subprocess.run(git + ["push", "-q", repo, "HEAD:refs/heads/master"], check=True,
                   capture_output=True)
    missing = os.path.join(tmp, "no-such-file")
    path = script_file("open.lua", "local p = require('patchlore')\n"
                                   "for _, a in ipairs(arg) do\n"
                                   "  local inbox, err = p.open(a)\n"
                                   "  print(inbox, err)\n"
                                   "end\n")
    r = run([path, missing, plain, repo])
    want = ("nil\t%s: No such file or directory\n" % missing +
            "nil\t%s: not an archive (not a git repository, mbox, maildir or message)\n" % plain +
            "nil\t%s: a git repository, but not a mail archive "
            "(its newest commit has no blob m)\n" % repo)
    check(r.returncode == 0 and r.out == want,
          "open of non-archives: nil and a message (got %d: %r)" % (r.returncode, r.out))


def case_revision_on_a_source_without_revisions():
    """A range given for an mbox is a usage error naming it (exit 2)."""
    path = script_file("rev.lua", "local p = require('patchlore')\n"
                                  "for m in assert(p.open(arg[1])):messages('HEAD') do end\n")
    r = run([path, EXAMPLE])
    check(r.returncode == 2 and r.err == "patchlore: %s: revision 'HEAD' given, but a mbox has "
          "no revisions\n" % EXAMPLE,
          "revision on an mbox: exit 2 (got %d: %r)" % (r.returncode, r.err))


# --- user module directories ----------------------------------------------

def user_digest(name, marker):
    d = os.path.join(tmp, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "digest.lua"), "w") as f:
        f.write("-- a user's digest\nprint(%r .. ' ' .. table.concat(arg, ' '))\n" % marker)
    return d


def case_user_module_replaces_bundled():
    """A digest.lua in a -L directory or a PATCHLORE_PATH directory replaces
    the bundled digest command; -L comes before PATCHLORE_PATH."""
    lib = user_digest("lib-digest", "user digest from -L")
    env_lib = user_digest("env-digest", "user digest from PATCHLORE_PATH")
    r = run(["-L", lib, "digest", EXAMPLE])
    check(r.returncode == 0 and r.out == "user digest from -L %s\n" % EXAMPLE,
          "-L DIR/digest.lua replaces digest (got %d: %r %r)" % (r.returncode, r.out, r.err))
    r = run(["digest", EXAMPLE], env={"PATCHLORE_PATH": "/nonexistent:" + env_lib})
    check(r.returncode == 0 and r.out == "user digest from PATCHLORE_PATH %s\n" % EXAMPLE,
          "PATCHLORE_PATH DIR/digest.lua replaces digest (got %d: %r %r)"
          % (r.returncode, r.out, r.err))
    r = run(["-L", lib, "digest", EXAMPLE], env={"PATCHLORE_PATH": env_lib})
    check(r.returncode == 0 and r.out == "user digest from -L %s\n" % EXAMPLE,
          "-L wins over PATCHLORE_PATH (got %d: %r)" % (r.returncode, r.out))
    r = run(["digest", EXAMPLE])
    check("user digest" not in r.out, "without them the bundled digest runs (got %r)" % r.out)
    # A script's require finds a user module the same way.
    with open(os.path.join(lib, "helper.lua"), "w") as f:
        f.write("return {answer = 42}\n")
    path = script_file("req.lua", "print(require('helper').answer)\n")
    r = run([path], env={"PATCHLORE_PATH": lib})
    check(r.returncode == 0 and r.out == "42\n",
          "require finds a module in PATCHLORE_PATH (got %d: %r %r)" % (r.returncode, r.out, r.err))


# --- limits -----------------------------------------------------------------

def case_max_memory():
    """--max-memory 10 stops a script that holds more: exit 1, a message."""
    path = script_file("bomb.lua", "local t = {}\n"
                                   "for i = 1, math.huge do t[i] = string.rep('x', 64) .. i end\n")
    r = run(["--max-memory", "10", path], timeout=120)
    check(r.returncode == 1 and
          r.err == "patchlore: script stopped: --max-memory (10485760 bytes) reached\n",
          "memory bomb under --max-memory 10: exit 1 and the message (got %d: %r)"
          % (r.returncode, r.err[-300:]))


def case_timeout():
    """--timeout 1 stops an endless loop, also one that a pcall inside the
    loop would otherwise swallow the error of."""
    loops = {
        "loop.lua": "while true do end\n",
        "pcall_loop.lua": "while true do pcall(function() while true do end end) end\n",
        "xpcall_loop.lua": "while true do xpcall(function() while true do end end,"
                           " function(e) return e end) end\n",
    }
    for name, code in sorted(loops.items()):
        r = run(["--timeout", "1", script_file(name, code)], timeout=60)
        check(r.returncode == 1 and r.err == "patchlore: script stopped: --timeout reached\n",
              "%s under --timeout 1: exit 1 and the message (got %d: %r)"
              % (name, r.returncode, r.err))
        check(r.elapsed < 10, "%s stopped soon after 1 s (took %.1f s)" % (name, r.elapsed))


def main():
    global patchlore, tmp
    patchlore = os.path.abspath(sys.argv[1])
    cases = {n[5:]: f for n, f in sorted(globals().items()) if n.startswith("case_")}
    wanted = sys.argv[2:] or list(cases)
    with tempfile.TemporaryDirectory(prefix="patchlore-api-") as tmp:
        for name in wanted:
            before = len(failures)
            cases[name]()
            print("%s %s" % ("ok" if len(failures) == before else "FAILED", name))
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
