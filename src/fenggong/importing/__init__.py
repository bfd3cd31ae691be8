"""Reading a 分工方案 from the document it was issued in, into a draft plan."""
