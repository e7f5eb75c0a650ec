"""Case papers: what is done with them. Checking an upload (uploads, formats), storing a
new version (versions), comments (comments), reading their text (extraction), the
anonymisation check and the confidential list (anonymisation), publication (publication),
the Home Office submission pack (submission) and the staff views (views). The models are
in reviews.models.papers."""
