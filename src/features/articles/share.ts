export interface ShareLink {
  id: string;
  label: string;
  href: string;
}

/** Plain share URLs: each opens the network's own share page only when the reader clicks it. */
export function shareLinks(url: string, title: string, emailLabel: string): ShareLink[] {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return [
    { id: 'facebook', label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { id: 'x', label: 'X', href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { id: 'linkedin', label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { id: 'whatsapp', label: 'WhatsApp', href: `https://wa.me/?text=${t}%20${u}` },
    { id: 'telegram', label: 'Telegram', href: `https://t.me/share/url?url=${u}&text=${t}` },
    { id: 'tumblr', label: 'Tumblr', href: `https://www.tumblr.com/widgets/share/tool?canonicalUrl=${u}&title=${t}` },
    { id: 'email', label: emailLabel, href: `mailto:?subject=${t}&body=${u}` },
  ];
}
