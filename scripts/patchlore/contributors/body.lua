-- Who a patch message counts for (the default, the text format's rule): its
-- author, the in-body `From:` when the text starts with one, else the
-- header From; the domain is the address's part after the last '@',
-- lower-cased. Messages without an author address are not counted.
return function(options)
  return function(message, who)
    local author = message.author
    if not author or not author.address or author.address == "" then
      return nil
    end
    local domain = author.address:match("@([^@]*)$")
    return {
      name = author.name,
      address = author.address,
      domain = domain and domain ~= "" and domain:lower() or nil,
    }
  end
end
