-- Dedup by title (the default, the reference digest's rule): an entry
-- whose title (the subject without its leading bracket groups) was
-- already printed is a repeat, e.g. a v2 cover letter and a v1 that
-- kept its title.
return function(options)
  return function(entry, message)
    return entry.title
  end
end
