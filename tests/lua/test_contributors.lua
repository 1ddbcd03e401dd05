-- The contributors rules on written messages (tables standing in for
-- messages: the rules read only message.author), and their files in
-- tests/fixtures/digest.
local patchlore = require "patchlore"
local digest = require "patchlore.digest"
local check = require "check"

local fixtures = assert(..., "usage: test_contributors.lua FIXTURES_DIR") .. "/digest/"

local function message(text)
  return {author = patchlore.person(text)}
end

local function rule(name, options)
  return digest.policy("contributors", name)(options or {})
end

-- The rules as the digest chains them: each gets the previous one's result.
local function chain(names, options, m)
  local who
  for _, name in ipairs(names) do
    who = rule(name, options)(m, who)
    if who == nil then
      return nil
    end
  end
  return who
end

check.run {
  body = function()
    local body = rule("body")
    check.same(body(message("Ann Author <Ann@Example.COM>")),
               {name = "Ann Author", address = "Ann@Example.COM", domain = "example.com"},
               "domain lower-cased, address as written")
    check.same(body(message('"Edgecombe, Rick P" <rick.p.edgecombe@intel.com>')),
               {name = "Edgecombe, Rick P", address = "rick.p.edgecombe@intel.com",
                domain = "intel.com"}, "quotes gone")
    check.same(body(message("<nobody@example.net>")),
               {address = "nobody@example.net", domain = "example.net"}, "no name")
    check.eq(body({author = nil}), nil, "no author: not counted")
    check.eq(digest.person_text({name = "A B", address = "a@x"}), "A B <a@x>", "text")
    check.eq(digest.person_text({address = "a@x"}), "<a@x>", "text without a name")
  end,
  mailmap = function()
    local o = {mailmap = fixtures .. "mailmap"}
    local map = rule("mailmap", o)
    check.same(map(message("bob <BOB@example.org>")),
               {name = "Bob Writer", address = "BOB@example.org", domain = "example.org"},
               "Proper Name <commit@address>: the name")
    check.same(map(message("Rick <rick@old.example>")),
               {name = "Rick", address = "rick.p.edgecombe@intel.com", domain = "intel.com"},
               "<proper> <commit>: the address, and the domain follows it")
    check.same(map(message("D. H. <dhacker@home.example>")),
               {name = "Dave Hacker", address = "dave@example.net", domain = "example.net"},
               "Name <proper> <commit>: both")
    check.same(map(message("Erin <erin@work.example>")),
               {name = "Erin Proper", address = "erin@example.net", domain = "example.net"},
               "Name <proper> Commit Name <commit>: the commit name matches, ignoring case")
    check.same(map(message("Someone Else <erin@work.example>")),
               {name = "Someone Else", address = "erin@work.example", domain = "work.example"},
               "another name at that address is left alone")
    check.same(map(message("Zed <zed@example.com>")),
               {name = "Zed", address = "zed@example.com", domain = "example.com"},
               "unlisted: unchanged")
    check.exits(2, "--contributors mailmap needs --mailmap FILE", rule, "mailmap", {})
    check.exits(3, "nonexistent", rule, "mailmap", {mailmap = fixtures .. "nonexistent"})
  end,
  orgs = function()
    local o = {orgs = fixtures .. "orgs"}
    check.same(chain({"orgs"}, o, message("A <a@linux.intel.com>")),
               {name = "A", address = "a@linux.intel.com", domain = "Intel"},
               "parent domain")
    check.same(chain({"orgs"}, o, message("B <b@Example.ORG>")).domain,
               "The Example Organisation", "an organisation name with spaces")
    check.same(chain({"orgs"}, o, message("C <c@linux.microsoft.com>")).domain, "Microsoft",
               "two domains, one organisation")
    check.same(chain({"orgs"}, o, message("D <d@example.net>")).domain, "example.net",
               "unlisted: the domain")
    check.exits(2, "--contributors orgs needs --orgs FILE", rule, "orgs", {})
  end,
  robots = function()
    local builtin = rule("robots")
    check.eq(builtin(message("kernel test robot <lkp@intel.com>")), nil, "lkp")
    check.eq(builtin(message("syzbot <syzbot+9a8b7c@syzkaller.appspotmail.com>")), nil,
             "syzbot+hash")
    check.eq(builtin(message("<patchwork-bot+netdevbpf@kernel.org>")), nil, "patchwork-bot")
    check.eq(builtin(message("Human <human@intel.com>")).address, "human@intel.com",
             "a person passes")
    local listed = rule("robots", {robots = fixtures .. "robots"})
    check.eq(listed(message("<CI-Bot@example.net>")), nil, "a listed address, any case")
    check.eq(listed(message("<x+bot@example.org>")), nil, "a listed pattern")
    check.eq(listed(message("<x+bot@example.org.evil>")) ~= nil, true, "patterns are anchored")
    check.eq(listed(message("<lkp@intel.com>")) ~= nil, true, "a file replaces the built-in list")
  end,
  chains = function()
    local o = {mailmap = fixtures .. "mailmap", orgs = fixtures .. "orgs"}
    check.same(chain({"mailmap", "orgs"}, o, message("R <rick@old.example>")),
               {name = "R", address = "rick.p.edgecombe@intel.com", domain = "Intel"},
               "mailmap, then orgs on the mapped address")
    check.eq(chain({"robots", "mailmap"}, o, message("<lkp@intel.com>")), nil,
             "a robot drops out of the chain")
  end,
}
