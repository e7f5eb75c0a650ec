"""Case papers: what is done with them. Checking an upload (uploads, formats, packages),
storing a new version (versions), comments (comments), reading every string a file holds
(reading, with office_reading, pdf_reading, plain_text and pieces), finding confidential
terms however they are typed (matching), the confidential list (confidential), the
publication gate (gate), the public copy of a published paper (public_copy), publication
(publication), the Home Office submission pack (submission) and the staff views (views).
The models are in reviews.models.papers."""
