-- patchlore.args: options with values, flags, lists, checks, and the
-- usage errors that name the bad argument.
local args = require "patchlore.args"
local check = require "check"

local function spec()
  return {
    command = "demo",
    max_positional = 2,
    options = {
      {name = "--top", value = "N", check = args.count, default = 15},
      {name = "--name", value = "NAME"},
      {name = "--since-last", value = "FILE"},
      {name = "--rules", value = "R", check = args.words, list = true, default = {"body"}},
      {name = "--help", flag = true},
      {name = "-h", key = "help", flag = true},
    },
  }
end

check.run {
  defaults = function()
    local o, p = args.parse(spec(), {"archive"})
    check.eq(o.top, 15, "default top")
    check.same(o.rules, {"body"}, "default list")
    check.eq(o.name, nil, "no name")
    check.same(p, {"archive"}, "positionals")
  end,
  values_flags_and_positionals_anywhere = function()
    local o, p = args.parse(spec(), {"--top", "3", "a.git", "--name=KVM", "A..B", "-h",
                                     "--since-last", "st"})
    check.eq(o.top, 3, "--top 3")
    check.eq(math.type(o.top), "integer", "--top is an integer")
    check.eq(o.name, "KVM", "--name=KVM")
    check.eq(o.help, true, "-h")
    check.eq(o.since_last, "st", "dashes become underscores")
    check.same(p, {"a.git", "A..B"}, "positionals")
  end,
  last_value_wins_lists_collect = function()
    local o = args.parse(spec(), {"--top", "3", "--top=4", "--rules", "mailmap,orgs",
                                  "--rules", "robots"})
    check.eq(o.top, 4, "last --top")
    check.same(o.rules, {"mailmap", "orgs", "robots"}, "list, commas spliced")
  end,
  dash_and_double_dash = function()
    local _, p = args.parse(spec(), {"-", "--", "--top"})
    check.same(p, {"-", "--top"}, "- is stdin, after -- all is positional")
  end,
  errors_name_the_argument = function()
    check.exits(2, "demo: unknown option '--bogus'", args.parse, spec(), {"--bogus"})
    check.exits(2, "--top: 'x' is not a whole number", args.parse, spec(), {"--top", "x"})
    check.exits(2, "--top: '-1'", args.parse, spec(), {"--top=-1"})
    check.exits(2, "--name needs a value (NAME)", args.parse, spec(), {"--name"})
    check.exits(2, "--help takes no value", args.parse, spec(), {"--help=yes"})
    check.exits(2, "--rules: 'a,b-c' is not a name", args.parse, spec(), {"--rules", "a,b-c"})
    check.exits(2, "unexpected argument 'c'", args.parse, spec(), {"a", "b", "c"})
  end,
}
